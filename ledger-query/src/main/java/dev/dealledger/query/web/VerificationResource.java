package dev.dealledger.query.web;

import dev.dealledger.api.Roles;
import dev.dealledger.api.view.CheckpointView;
import dev.dealledger.query.integrity.TamperEvidence;
import dev.dealledger.query.read.MalformedRead;
import dev.dealledger.verify.Checkpoint;
import dev.dealledger.verify.LedgerVerifier;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/**
 * Proof that the history was not rewritten (docs/security.md, "Tamper evidence"): verifies every stored event's hash
 * and link, the chain over the whole log and every signed checkpoint, straight from the event table (not from the
 * read models), and names the first bad position. The standing verdict carries the last whole pass forward to the
 * head instead of reading the whole log again (docs/adr/0008).
 */
@RolesAllowed(Roles.AUDITOR)
@Path("/api/v1/verification")
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {

    @Inject
    TamperEvidence evidence;

    /** The verdict for the whole ledger. */
    public record LedgerVerification(
            boolean ok,
            long eventsChecked,
            long head,
            String logHash,
            CheckpointView latestCheckpoint,
            Long firstBadPosition,
            String reason,
            Instant verifiedAt) {}

    /**
     * The standing verdict: {@code wholeLogPass} verified positions 1 to its head; the positions after it up to
     * {@code head} were verified as they were appended.
     */
    public record StandingVerification(
            boolean ok,
            long eventsChecked,
            long head,
            String logHash,
            CheckpointView latestCheckpoint,
            Long firstBadPosition,
            String reason,
            Instant verifiedAt,
            WholeLogPass wholeLogPass) {

        /** The verdict without the pass under it, as a whole verification answers one. */
        public LedgerVerification verdict() {
            return new LedgerVerification(
                    ok, eventsChecked, head, logHash, latestCheckpoint, firstBadPosition, reason, verifiedAt);
        }
    }

    /** A pass over the whole log from position 1, on one snapshot; {@code nextDue} is null if none is scheduled. */
    public record WholeLogPass(Instant startedAt, Instant finishedAt, long head, Instant nextDue) {}

    @GET
    public LedgerVerification ledger() {
        return view(evidence.verify(null));
    }

    /** The last whole pass carried forward to the head: it reads only what was appended since. */
    @GET
    @Path("standing")
    public StandingVerification standing() {
        TamperEvidence.Standing s = evidence.standing();
        LedgerVerification v = view(s.verdict());
        return new StandingVerification(
                v.ok(),
                v.eventsChecked(),
                v.head(),
                v.logHash(),
                v.latestCheckpoint(),
                v.firstBadPosition(),
                v.reason(),
                s.checkedAt(),
                new WholeLogPass(
                        s.pass().startedAt(), s.pass().finishedAt(), s.pass().head(), s.nextPassDue()));
    }

    /** Verifies against a checkpoint the auditor kept: the log must still reach it, unchanged. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public LedgerVerification against(CheckpointView kept) {
        if (kept == null || kept.logHash() == null || kept.signedAt() == null || kept.signature() == null) {
            throw new MalformedRead(
                    "body", "the body must be a checkpoint as GET /api/v1/checkpoints/latest serves it");
        }
        Checkpoint trusted;
        try {
            trusted = fromView(kept);
        } catch (IllegalArgumentException e) {
            throw new MalformedRead("body", "the checkpoint is not well-formed: " + e.getMessage());
        }
        return view(evidence.verify(trusted));
    }

    static Checkpoint fromView(CheckpointView v) {
        return new Checkpoint(v.position(), v.firstPosition(), v.logHash(), v.signedAt(), v.keyId(), v.signature());
    }

    static CheckpointView view(Checkpoint c) {
        return new CheckpointView(c.position(), c.firstPosition(), c.logHash(), c.signedAt(), c.keyId(), c.signature());
    }

    private static LedgerVerification view(LedgerVerifier.Verdict v) {
        return new LedgerVerification(
                v.ok(),
                v.eventsChecked(),
                v.head(),
                v.logHash(),
                v.latest().map(VerificationResource::view).orElse(null),
                v.firstBad().map(LedgerVerifier.Finding::position).orElse(null),
                v.firstBad().map(LedgerVerifier.Finding::reason).orElse(null),
                Instant.now());
    }
}
