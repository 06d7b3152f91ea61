package dev.dealledger.axon.security;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start when the token verification key is a file that is not there. Without it every request would fail,
 * one by one, long after the deployment looked healthy; an operator should learn it from the start-up log instead.
 */
@Startup
@ApplicationScoped
public class JwtKeyCheck {

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> location;

    @PostConstruct
    void check() {
        location.filter(l -> l.startsWith("file:")).ifPresent(l -> {
            Path file = Path.of(l.substring("file:".length()));
            if (!Files.isReadable(file)) {
                throw new IllegalStateException(
                        "the bearer-token public key " + file.toAbsolutePath()
                                + " cannot be read: set LEDGER_JWT_PUBLIC_KEY_LOCATION (a local run creates one with ./run.sh)");
            }
        });
    }
}
