package dev.dealledger.command.web;

import java.util.regex.Pattern;

/** The Idempotency-Key header's accepted shape and its refusals. */
final class IdempotencyKeys {

    /** Printable ASCII without spaces, 1 to 200 characters; UUIDs fit. */
    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1,200}$");

    private IdempotencyKeys() {}

    static String validate(String key) {
        if (key == null) {
            return null;
        }
        if (!KEY.matcher(key).matches()) {
            throw new MalformedKeyException();
        }
        return key;
    }

    /** 400: the header does not have the accepted shape. */
    static final class MalformedKeyException extends RuntimeException {
        MalformedKeyException() {
            super("Idempotency-Key must be 1 to 200 printable ASCII characters without spaces");
        }
    }
}
