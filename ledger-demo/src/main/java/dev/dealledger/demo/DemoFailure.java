package dev.dealledger.demo;

/** Stops the demo: a write was refused, a service could not be reached, or an answer could not be read. */
public final class DemoFailure extends RuntimeException {

    public DemoFailure(String message) {
        super(message);
    }

    public DemoFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
