package dev.dealledger.axon.security;

import dev.dealledger.axon.ActiveDataSource;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The production profile fails closed (docs/security.md): a service started with profile {@code prod} refuses to
 * start on the development defaults that make a local run easy and a deployment unsafe. A local run (./run.sh) uses
 * its own profile and is not checked.
 */
@Startup
@ApplicationScoped
public class ProductionSettingsCheck {

    /** The issuer a local run trusts; a production service must name its identity provider. */
    public static final String LOCAL_ISSUER = "https://dealledger.dev/local";

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> jwtKey;

    @ConfigProperty(name = "ledger.checkpoint.public-key-file")
    Optional<String> checkpointKey;

    /** True only in the migration Job (deploy/README.md, "Migrations"), which runs as the migrator and then exits. */
    @ConfigProperty(name = "quarkus.init-and-exit", defaultValue = "false")
    boolean initAndExit;

    @Inject
    ActiveDataSource dataSource;

    /** What the check looks at, as plain values. */
    public record Settings(
            String issuer,
            String jwtKeyLocation,
            String checkpointKeyFile,
            boolean postgres,
            boolean superuser,
            boolean schemaOwner) {}

    @PostConstruct
    void check() {
        if (LaunchMode.current() != LaunchMode.NORMAL || !ConfigUtils.isProfileActive("prod")) {
            return;
        }
        boolean postgres = dataSource.isPostgres();
        List<String> problems = problems(new Settings(
                issuer.orElse(null),
                jwtKey.orElse(null),
                checkpointKey.orElse(null),
                postgres,
                postgres && superuser(),
                postgres && !initAndExit && schemaOwner()));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "the prod profile refuses to start on unsafe settings (deploy/README.md): " + problems);
        }
    }

    /** Every reason not to start; none for settings a deployment may run with. */
    public static List<String> problems(Settings s) {
        List<String> problems = new ArrayList<>();
        if (s.issuer() == null || s.issuer().isBlank() || s.issuer().equals(LOCAL_ISSUER)) {
            problems.add("no token issuer named (LEDGER_JWT_ISSUER)");
        }
        if (!absoluteFile(s.jwtKeyLocation(), true)) {
            problems.add("the token key is not an absolute file path (LEDGER_JWT_PUBLIC_KEY_LOCATION)");
        }
        if (!absoluteFile(s.checkpointKeyFile(), false)) {
            problems.add("the checkpoint key is not an absolute file path (LEDGER_CHECKPOINT_PUBLIC_KEY_FILE)");
        }
        if (!s.postgres()) {
            problems.add("the embedded H2 database is for local runs; add profile pg");
        }
        if (s.superuser()) {
            problems.add("the database login is a superuser; use the service's own login (deploy/README.md)");
        }
        if (s.schemaOwner()) {
            problems.add("the database login can act as the owner of the ledger's schemas, and so disable the trigger"
                    + " that keeps facts immutable; serve with the service's own login and migrate in the Job"
                    + " (deploy/README.md, \"Migrations\")");
        }
        return problems;
    }

    private static boolean absoluteFile(String location, boolean withScheme) {
        if (location == null) {
            return false;
        }
        String path = withScheme && location.startsWith("file:") ? location.substring("file:".length()) : location;
        if (withScheme && !location.startsWith("file:") && location.startsWith("http")) {
            return true; // a JWKS or key served over HTTP(S) by the identity provider
        }
        return path.startsWith("/");
    }

    /**
     * Whether the login owns, or may become (SET ROLE) the owner of, a ledger schema. An owner can disable or replace
     * the immutability trigger, so a serving pod must never be one; the migrator is one only inside the Job.
     */
    private boolean schemaOwner() {
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement("SELECT COALESCE(bool_or(pg_has_role(current_user,"
                        + " nspowner, 'MEMBER')), false) FROM pg_namespace"
                        + " WHERE nspname IN ('event_store', 'read_model')");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not ask the database who owns the ledger's schemas", e);
        }
    }

    private boolean superuser() {
        try (Connection c = dataSource.connection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not ask the database whether the login is a superuser", e);
        }
    }
}
