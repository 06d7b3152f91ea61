package dev.dealledger.query.read;

/** 404: the id in the path names nothing the ledger has recorded. */
public class NotRecorded extends RuntimeException {
    public NotRecorded(String message) {
        super(message);
    }
}
