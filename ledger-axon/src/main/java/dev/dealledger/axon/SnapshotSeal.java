package dev.dealledger.axon;

import dev.dealledger.verify.CheckpointKeys;
import dev.dealledger.verify.Encoding;
import java.security.KeyPair;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Seals snapshots with the command service's checkpoint key, so a snapshot is trusted only if the service itself wrote
 * it (docs/security.md, "Snapshots"). A snapshot is not part of the hash chain: it is the aggregate's state, against
 * which every business rule is checked, and a login that may write the snapshot table could otherwise hand the service
 * any state it likes. An unsealed or altered snapshot is ignored and the aggregate is rebuilt from its events, which
 * the chain and the signed checkpoints do cover.
 *
 * <p>The seal signs exactly the bytes stored in the snapshot table (the aggregate, its sequence number, its type and
 * the serialized state), so the check reads them back as stored rather than re-serializing a loaded object.
 */
public final class SnapshotSeal {

    /** The snapshot metadata key that carries the seal. */
    public static final String SEAL = "snapshotSeal";

    private static final String KIND = "dealledger-snapshot/1";

    private final KeyPair keys;
    private final Ed25519Signer signer;
    private final Serializer snapshotSerializer;

    public SnapshotSeal(KeyPair keys, Serializer snapshotSerializer) {
        this.keys = keys;
        this.signer = new Ed25519Signer(keys.getPrivate());
        this.snapshotSerializer = snapshotSerializer;
    }

    /** The snapshot with its seal added to its metadata, signed over the bytes the storage engine will store. */
    public DomainEventMessage<?> seal(DomainEventMessage<?> snapshot) {
        SerializedObject<byte[]> state = snapshotSerializer.serialize(snapshot.getPayload(), byte[].class);
        byte[] signed = signed(
                snapshot.getAggregateIdentifier(),
                snapshot.getSequenceNumber(),
                snapshot.getType(),
                state.getType().getName(),
                state.getData());
        return snapshot.andMetaData(Map.of(SEAL, signer.signature(signed)));
    }

    /** Whether {@code seal} is this service's seal of the snapshot row with these stored values. */
    public boolean holds(
            String aggregateId, long sequenceNumber, String type, String payloadType, byte[] payload, String seal) {
        return CheckpointKeys.verifies(
                signed(aggregateId, sequenceNumber, type, payloadType, payload), seal, keys.getPublic());
    }

    private static byte[] signed(
            String aggregateId, long sequenceNumber, String type, String payloadType, byte[] payload) {
        return Encoding.of(KIND)
                .text(aggregateId)
                .number(sequenceNumber)
                .text(type)
                .text(payloadType)
                .bytes(payload)
                .toBytes();
    }
}
