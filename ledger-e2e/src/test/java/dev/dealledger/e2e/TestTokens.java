package dev.dealledger.e2e;

import dev.dealledger.axon.testing.JwtTestKeys;
import dev.dealledger.testkit.process.ServiceProcess;
import java.util.Optional;

/**
 * The one place the end-to-end tests get credentials from. Every client the tests build asks here, through
 * {@link Clients}, for a bearer token for the role its calls need: {@code ledger-writer} for the command service,
 * {@code ledger-auditor} for reads, {@code ledger-admin} for operations.
 *
 * <p>Tokens are real RS256 JWTs signed with this run's throw-away key pair ({@link JwtTestKeys}); every
 * {@link ServiceProcess} is started trusting its public key and issuer.
 */
public final class TestTokens {

    public static final String WRITER = "ledger-writer";
    public static final String AUDITOR = "ledger-auditor";
    public static final String ADMIN = "ledger-admin";

    private TestTokens() {}

    /** The subject the tests act as: the services record it as the actor of every write. */
    public static final String SUBJECT = "e2e-tester";

    /** A bearer token carrying {@code role}. */
    public static Optional<String> bearer(String role) {
        return Optional.of(JwtTestKeys.token(SUBJECT, role));
    }

    /** A token with every role, for tests that both write and read over plain HTTP. */
    public static String allRoles() {
        return JwtTestKeys.token(SUBJECT, WRITER, AUDITOR, ADMIN);
    }
}
