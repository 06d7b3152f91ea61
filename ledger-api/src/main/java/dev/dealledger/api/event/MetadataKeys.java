package dev.dealledger.api.event;

/** Metadata keys every stored event carries besides its payload. */
public final class MetadataKeys {
    /** Who recorded the fact: the authenticated principal, never a client-supplied field. */
    public static final String ACTOR = "actor";
    /** Why the fact was recorded (required for amendments and terminations). */
    public static final String REASON = "reason";
    /** The filing or contract document the fact comes from. */
    public static final String SOURCE_REFERENCE = "sourceReference";
    /** The client's Idempotency-Key, when it sent one. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    private MetadataKeys() {}
}
