package dev.dealledger.query.read;

/** 400: a query parameter or header is malformed. */
public class MalformedRead extends RuntimeException {
    private final String field;

    public MalformedRead(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
