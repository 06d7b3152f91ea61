package dev.dealledger.api.event;

/** Metadata keys every stored event carries besides its payload. */
public final class MetadataKeys {
    /** Who recorded the fact: the authenticated principal, never a client-supplied field. */
    public static final String ACTOR = "actor";
    /** Why the fact was recorded (required for amendments and terminations). */
    public static final String REASON = "reason";
    /** The filing or contract document the fact comes from. */
    public static final String SOURCE_REFERENCE = "sourceReference";
    /**
     * The SHA-256 of the signed document the fact comes from (order form, filing), as 64 lower-case hex characters.
     * Being metadata, it is covered by the event's hash: the history proves which document bytes the fact rests on.
     */
    public static final String SOURCE_DOCUMENT_SHA256 = "sourceDocumentSha256";
    /** The client's Idempotency-Key, when it sent one. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    private MetadataKeys() {}
}
