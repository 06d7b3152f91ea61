package dev.dealledger.verify;

import java.util.Objects;

/**
 * One row of the event log exactly as stored: every column the hash covers, in the log's order. The services read it
 * from the table; the offline verifier reads it from an export.
 *
 * @param metaData the stored metadata JSON, including the event's own hash
 * @param payload the stored payload JSON
 */
public record StoredEvent(
        long position,
        String eventIdentifier,
        String aggregateType,
        String aggregateId,
        long sequenceNumber,
        String payloadType,
        String payloadRevision,
        String timeStamp,
        byte[] metaData,
        byte[] payload) {

    public StoredEvent {
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(payload, "payload");
    }

    /** The same row at another position, as someone moving it would leave it. */
    public StoredEvent withPosition(long newPosition) {
        return new StoredEvent(
                newPosition,
                eventIdentifier,
                aggregateType,
                aggregateId,
                sequenceNumber,
                payloadType,
                payloadRevision,
                timeStamp,
                metaData,
                payload);
    }

    /** The same row with other stored metadata bytes. */
    public StoredEvent withMetaData(byte[] newMetaData) {
        return new StoredEvent(
                position,
                eventIdentifier,
                aggregateType,
                aggregateId,
                sequenceNumber,
                payloadType,
                payloadRevision,
                timeStamp,
                newMetaData,
                payload);
    }

    /** The same row with other stored payload bytes. */
    public StoredEvent withPayload(byte[] newPayload) {
        return new StoredEvent(
                position,
                eventIdentifier,
                aggregateType,
                aggregateId,
                sequenceNumber,
                payloadType,
                payloadRevision,
                timeStamp,
                metaData,
                newPayload);
    }
}
