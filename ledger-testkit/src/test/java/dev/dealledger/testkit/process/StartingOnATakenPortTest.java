package dev.dealledger.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port chosen free can be taken by another process before the service binds it (a CI run failed so once). The
 * service is then started again on other ports, and any other failure at start still fails at once. The "service"
 * here is a small program that binds its two ports as a Quarkus service would and says so in the same words when it
 * cannot.
 */
class StartingOnATakenPortTest {

    private static final String SERVICE = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.BindException;
            import java.net.InetSocketAddress;

            public class FakeService {
                public static void main(String[] args) throws Exception {
                    int port = Integer.parseInt(System.getenv("FAKE_PORT"));
                    int management = Integer.parseInt(System.getenv("LEDGER_MANAGEMENT_PORT"));
                    try {
                        HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0).start();
                        HttpServer health = HttpServer.create(new InetSocketAddress("127.0.0.1", management), 0);
                        health.createContext("/q/health/ready", exchange -> {
                            exchange.sendResponseHeaders(200, -1);
                            exchange.close();
                        });
                        health.start();
                    } catch (BindException e) {
                        System.out.println("Port " + port + " seems to be in use by another process");
                        System.exit(1);
                    }
                }
            }
            """;

    @TempDir
    static Path app;

    @BeforeAll
    static void packageTheService() throws IOException {
        Path source = app.resolve("FakeService.java");
        Files.writeString(source, SERVICE);
        Path classes = Files.createDirectories(app.resolve("classes"));
        int compiled =
                ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString());
        assertThat(compiled).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "FakeService");
        try (OutputStream out = Files.newOutputStream(app.resolve("quarkus-run.jar"));
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("FakeService.class"));
            jar.write(Files.readAllBytes(classes.resolve("FakeService.class")));
            jar.closeEntry();
        }
    }

    private static ServiceProcess service(String name) throws IOException {
        return ServiceProcess.onPostgres(
                name, app, "FAKE_PORT", "jdbc:unused", "unused", null, List.of(), app.resolve(name + ".log"));
    }

    @Test
    void a_port_taken_after_it_was_chosen_is_chosen_again() throws Exception {
        ServiceProcess service = service("taken");
        int chosen = URI.create(service.baseUrl()).getPort();
        try (ServerSocket taker = new ServerSocket(chosen, 1, InetAddress.getLoopbackAddress());
                service) {
            service.start(Duration.ofSeconds(30), ServiceProcess.Up.READY);

            assertThat(service.isAlive()).isTrue();
            assertThat(URI.create(service.baseUrl()).getPort()).isNotEqualTo(chosen);
            assertThat(service.log()).contains("Port " + chosen + " seems to be in use by another process");
        }
    }

    @Test
    void any_other_failure_at_start_is_not_retried() throws Exception {
        try (ServiceProcess service = service("failing").withEnv("FAKE_PORT", "not-a-port")) {
            assertThatThrownBy(() -> service.start(Duration.ofSeconds(30), ServiceProcess.Up.READY))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited at start")
                    .hasMessageContaining("NumberFormatException");
            assertThat(Files.readString(app.resolve("failing.log"))).containsOnlyOnce("Exception in thread \"main\"");
        }
    }
}
