package dev.dealledger.axon;

import dev.dealledger.verify.Checkpoint;
import dev.dealledger.verify.CheckpointKeys;
import dev.dealledger.verify.EventHash;
import dev.dealledger.verify.LogChain;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Signs the log (docs/security.md, "Tamper evidence"): just before a transaction that appended commits, it extends the
 * log chain over that transaction's events from the latest checkpoint and stores a signed {@link Checkpoint} of the
 * new head in the same transaction. The key is read from a file or a Secret by the command service and never reaches
 * the database, so an append made with the database login alone is covered by no checkpoint.
 */
public final class LogSealer {

    private static final Logger LOG = Logger.getLogger(LogSealer.class);

    private final Ed25519Signer signer;
    private final String keyId;
    private final ActiveDataSource dataSource;

    public LogSealer(PrivateKey key, PublicKey publicKey, ActiveDataSource dataSource) {
        this.signer = new Ed25519Signer(key);
        this.keyId = CheckpointKeys.keyId(publicKey);
        this.dataSource = dataSource;
    }

    /**
     * Stores the checkpoint of what {@code held} appended from its {@code fromIndex}-th event on; runs under the log's
     * lock, before the commit. {@code sealedBefore} is the transaction's own previous checkpoint, if it signed one.
     */
    Checkpoint seal(OrderedLog.Held held, Checkpoint sealedBefore, int fromIndex) {
        long headBefore = sealedBefore != null ? sealedBefore.position() : held.headBefore();
        try (Connection c = dataSource.connection()) {
            Optional<Checkpoint> latest = sealedBefore != null ? Optional.of(sealedBefore) : Checkpoints.latest(c);
            String logHash;
            long first;
            if (latest.isEmpty()) {
                // The first checkpoint of a log recorded before checkpoints existed takes its events over as they are.
                logHash = chain(c, LogChain.GENESIS, 1, headBefore);
                first = 1;
            } else if (latest.get().position() == headBefore) {
                logHash = latest.get().logHash();
                first = headBefore + 1;
            } else {
                // Someone appended without the key, or removed a sealed tail. Verification names where; the ledger
                // seals only its own events and says so loudly.
                LOG.errorf(
                        "the log's head is %d but its latest checkpoint is at %d: the log was changed outside the"
                                + " ledger; GET /api/v1/verification names the first bad position",
                        headBefore, latest.get().position());
                boolean appendedOutside = latest.get().position() < headBefore;
                logHash = appendedOutside
                        ? chain(c, latest.get().logHash(), latest.get().position() + 1, headBefore)
                        : chain(c, LogChain.GENESIS, 1, headBefore);
                first = headBefore + 1;
            }
            long position = headBefore;
            List<OrderedLog.Hashed> toSeal =
                    held.hashed().subList(fromIndex, held.hashed().size());
            for (OrderedLog.Hashed hashed : toSeal) {
                if (hashed.position() != position + 1) {
                    throw new IllegalStateException("the transaction's events are not contiguous: " + hashed.position()
                            + " follows " + position);
                }
                position = hashed.position();
                logHash = LogChain.next(logHash, position, hashed.hash());
            }
            Checkpoint unsigned = new Checkpoint(
                    position, Math.min(first, position + 1), logHash, OrderedLog.format(held.recordedAt()), null, null);
            Checkpoint signed = CheckpointKeys.sign(unsigned, keyId, signer::signature);
            Checkpoints.insert(c, signed);
            return signed;
        } catch (SQLException e) {
            throw new OrderedLog.LogUnavailableException("could not store the log's checkpoint", e);
        }
    }

    /**
     * The log hash after the stored events {@code from..to}, starting from {@code logHash}. Chains what is there: a
     * position missing here is for verification to name, not a reason to stop recording.
     */
    private static String chain(Connection c, String logHash, long from, long to) throws SQLException {
        String[] hash = {logHash};
        StoredEvents.between(c, from, to, event -> {
            hash[0] = LogChain.next(hash[0], event.position(), EventHash.storedHash(event.metaData()));
            return true;
        });
        return hash[0];
    }
}
