package dev.dealledger.verify;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An unambiguous encoding of a sequence of fields, for hashing and signing: every field is its length as four
 * big-endian bytes followed by its bytes, and an absent field is the length -1 with no bytes. No two different
 * sequences of fields encode alike, whatever characters (newlines included) the fields hold. The first field names
 * what is encoded, so a hash or a signature of one kind can never pass for another.
 */
public final class Encoding {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    private Encoding(String kind) {
        text(kind);
    }

    public static Encoding of(String kind) {
        return new Encoding(kind);
    }

    public Encoding text(String value) {
        return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    public Encoding number(long value) {
        return text(Long.toString(value));
    }

    public Encoding bytes(byte[] value) {
        out.writeBytes(
                ByteBuffer.allocate(4).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            out.writeBytes(value);
        }
        return this;
    }

    /** The encoded fields. */
    public byte[] toBytes() {
        return out.toByteArray();
    }

    /** SHA-256 of the encoded fields, as 64 lower-case hex digits. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
