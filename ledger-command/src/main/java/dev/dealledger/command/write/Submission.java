package dev.dealledger.command.write;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.commandhandling.CommandMessage;

/**
 * One write as the web layer hands it to the {@link WriteBatcher}: the command with its audit metadata already set,
 * the stream it writes to, its idempotency key and request fingerprint (or none), and how to phrase its receipt once
 * its place in the log is known.
 */
public record Submission(
        String aggregateId,
        CommandMessage<?> command,
        IdempotencyKey idempotencyKey,
        String fingerprint,
        int successStatus,
        ReceiptBody receipt) {

    public Submission {
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(receipt, "receipt");
    }

    /**
     * The body of the write's answer, given where the write landed: its version, its transaction's recorded instant,
     * the position of its last event, the last position of its transaction, through which the log is durable, and the
     * log's hash there as the transaction's signed checkpoint states it (null when the transaction recorded nothing).
     */
    @FunctionalInterface
    public interface ReceiptBody {
        String render(long version, Instant recordedAt, long position, long committedThrough, String logHash);
    }

    /**
     * The answer to a write that was recorded (or, for a repeated key, the answer stored for it). {@code
     * committedThrough} is what {@code X-Ledger-Position} carries: a reader that waits for it sees the write's whole
     * transaction, so every fact with the write's recorded instant.
     */
    public record Recorded(int status, String body, long version, long committedThrough) {}
}
