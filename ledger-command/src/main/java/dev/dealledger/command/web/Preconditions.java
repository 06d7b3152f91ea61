package dev.dealledger.command.web;

/** Parses {@code If-Match: "<version>"} into the aggregate version a write expects. */
final class Preconditions {

    private Preconditions() {}

    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            long version = Long.parseLong(v);
            if (version < 0) {
                throw new MalformedIfMatchException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new MalformedIfMatchException();
        }
    }

    /** 400: If-Match must carry one version as given by a previous ETag. */
    static final class MalformedIfMatchException extends RuntimeException {
        MalformedIfMatchException() {
            super("If-Match must be a version as sent in ETag, e.g. \"3\"");
        }
    }
}
