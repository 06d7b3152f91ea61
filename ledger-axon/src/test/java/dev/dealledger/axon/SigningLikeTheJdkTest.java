package dev.dealledger.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dealledger.verify.Checkpoint;
import dev.dealledger.verify.CheckpointKeys;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The appender's signer ({@link Ed25519Signer}) against the JDK's, which the offline verifier and every check use:
 * Ed25519 is deterministic, so for the same key and message the two must give the same bytes, and what the appender
 * signs must verify with the JDK.
 */
class SigningLikeTheJdkTest {

    @Property(tries = 200)
    @Label("for any key and message, the appender's signature is the JDK's, and the JDK verifies it")
    void the_same_signature_as_the_jdk(@ForAll @Size(max = 2_000) byte[] message) {
        KeyPair keys = CheckpointKeys.generate();
        String fast = new Ed25519Signer(keys.getPrivate()).signature(message);

        assertThat(fast).isEqualTo(CheckpointKeys.signature(message, keys.getPrivate()));
        assertThat(CheckpointKeys.verifies(message, fast, keys.getPublic())).isTrue();
    }

    @Test
    void a_checkpoint_signed_on_the_appender_verifies_and_names_its_key() {
        KeyPair keys = CheckpointKeys.generate();
        String keyId = CheckpointKeys.keyId(keys.getPublic());
        Checkpoint unsigned = new Checkpoint(42, 1, "00".repeat(32), "2026-12-07T05:00:00Z", null, null);

        Checkpoint signed = CheckpointKeys.sign(unsigned, keyId, new Ed25519Signer(keys.getPrivate())::signature);

        assertThat(signed).isEqualTo(CheckpointKeys.sign(unsigned, keys.getPrivate(), keyId));
        assertThat(CheckpointKeys.verify(signed, keys.getPublic())).isTrue();
        assertThat(CheckpointKeys.verify(signed, CheckpointKeys.generate().getPublic()))
                .isFalse();
    }

    @Test
    void a_key_of_another_algorithm_is_refused() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();

        assertThatThrownBy(() -> new Ed25519Signer(rsa.getPrivate())).isInstanceOf(IllegalArgumentException.class);
    }
}
