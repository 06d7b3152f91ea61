package dev.dealledger.query.console;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real identity provider for the console's sign-in: Keycloak's Quarkus distribution, unpacked by the build into
 * target/keycloak, started in development mode on free ports with the realm of
 * src/test/resources/keycloak/deal-ledger-realm.json (a public client with PKCE required, an auditor and a writer).
 * The query service is pointed at it the way production points at its provider: tokens verified against the realm's
 * JWKS and issuer, and the console's code flow against the realm's discovery document.
 *
 * <p>Keycloak 26 needs Java 21 or later: the JDK is {@code -Dledger.keycloak.java-home}, else the newest one of at
 * least 21 under /usr/lib/jvm. Without one the test fails and says so; it never skips.
 */
public class KeycloakServer implements QuarkusTestResourceLifecycleManager {

    static final String REALM = "deal-ledger";
    static final String CLIENT = "ledger-console";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private Process process;

    @Override
    public Map<String, String> start() {
        Path home = distribution();
        Path java = javaHome();
        try {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            try (InputStream realm = KeycloakServer.class.getResourceAsStream("/keycloak/deal-ledger-realm.json")) {
                Files.copy(realm, imports.resolve("deal-ledger-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
            int http = freePort();
            int management = freePort();
            Path log = Path.of("target", "keycloak.log").toAbsolutePath();
            ProcessBuilder builder = new ProcessBuilder(
                            home.resolve("bin/kc.sh").toString(),
                            "start-dev",
                            "--http-port=" + http,
                            "--http-management-port=" + management,
                            "--import-realm")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", java.toString());
            // Small heap: the machine also runs the service, PostgreSQL and a browser.
            builder.environment().put("JAVA_OPTS_APPEND", "-Xmx384m");
            process = builder.start();
            String issuer = "http://localhost:" + http + "/realms/" + REALM;
            awaitDiscovery(URI.create(issuer + "/.well-known/openid-configuration"), log);
            return Map.of(
                    "mp.jwt.verify.publickey.location",
                    issuer + "/protocol/openid-connect/certs",
                    "mp.jwt.verify.issuer",
                    issuer,
                    "ledger.console.oidc.issuer",
                    issuer,
                    "ledger.console.oidc.client-id",
                    CLIENT);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            // kc.sh starts the JVM as its child: stop both.
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            process = null;
        }
    }

    private static Path distribution() {
        Path unpacked = Path.of("target", "keycloak").toAbsolutePath();
        try (Stream<Path> dirs = Files.list(unpacked)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Keycloak distribution under " + unpacked));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Keycloak is not unpacked under " + unpacked + ": the build's unpack-keycloak step does that", e);
        }
    }

    /** A JDK of at least 21 for Keycloak: the one named, else the newest under /usr/lib/jvm. */
    private static Path javaHome() {
        String named = System.getProperty("ledger.keycloak.java-home");
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        try (Stream<Path> homes = Files.list(jvms)) {
            List<Path> candidates = homes.filter(h -> Files.isExecutable(h.resolve("bin/java")))
                    .filter(h -> majorVersion(h).orElse(0) >= 21)
                    .sorted(Comparator.comparing((Path h) -> majorVersion(h).orElse(0))
                            .reversed())
                    .toList();
            if (candidates.isEmpty()) {
                throw new IllegalStateException("Keycloak 26 needs Java 21 or later and none is under " + jvms
                        + "; name one with -Dledger.keycloak.java-home");
            }
            return candidates.get(0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + jvms + " for a Java 21+ to run Keycloak", e);
        }
    }

    /** The major version a JDK's release file names, e.g. 25 for JAVA_VERSION="25.0.1". */
    private static Optional<Integer> majorVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isReadable(release)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        String version = p.getProperty("JAVA_VERSION", "").replace("\"", "");
        String major = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < major.length() && Character.isDigit(major.charAt(end))) {
            end++;
        }
        return end == 0 ? Optional.empty() : Optional.of(Integer.parseInt(major.substring(0, end)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitDiscovery(URI discovery, Path log) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(discovery)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
        }
        stop();
        throw new IllegalStateException(
                "Keycloak did not serve " + discovery + " within " + START_TIMEOUT + "; see " + log);
    }
}
