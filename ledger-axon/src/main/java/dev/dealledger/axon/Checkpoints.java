package dev.dealledger.axon;

import dev.dealledger.verify.Checkpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The table of signed checkpoints (db/migration, "signed_checkpoints"). */
public final class Checkpoints {

    public static final String TABLE = EventStoreSchema.SCHEMA + ".log_checkpoint";

    private static final String COLUMNS = "position, first_position, log_hash, signed_at, key_id, signature";

    private Checkpoints() {}

    public static List<Checkpoint> all(Connection c) throws SQLException {
        List<Checkpoint> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY position, first_position");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(row(rs));
            }
        }
        return all;
    }

    /** The checkpoints signed at {@code position} or beyond, for a verifier that has checked the log up to it. */
    public static List<Checkpoint> from(Connection c, long position) throws SQLException {
        List<Checkpoint> from = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE position >= ? ORDER BY position, first_position")) {
            ps.setLong(1, position);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    from.add(row(rs));
                }
            }
        }
        return from;
    }

    /**
     * The checkpoint signed last. Instants strictly increase from one transaction to the next (docs/adr/0004), so
     * this is the one the ledger made most recently, even if the log was cut back below an older one.
     */
    public static Optional<Checkpoint> latest(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                        + " ORDER BY signed_at DESC, position DESC FETCH FIRST 1 ROWS ONLY");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
    }

    public static void insert(Connection c, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, checkpoint.position());
            ps.setLong(2, checkpoint.firstPosition());
            ps.setString(3, checkpoint.logHash());
            ps.setString(4, checkpoint.signedAt());
            ps.setString(5, checkpoint.keyId());
            ps.setString(6, checkpoint.signature());
            ps.executeUpdate();
        }
    }

    private static Checkpoint row(ResultSet rs) throws SQLException {
        return new Checkpoint(
                rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
    }
}
