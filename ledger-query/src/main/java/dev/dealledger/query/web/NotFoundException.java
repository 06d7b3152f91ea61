package dev.dealledger.query.web;

/** 404: the id in the path names nothing the ledger has recorded. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
