package dev.dealledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile cannot be built here (no container engine); these checks keep it consistent with the manifests
 * that run its image.
 */
@DisplayName("The JVM image recipe fits the manifests that run it")
class ContainerImageRecipeTest {

    private static List<String> instructions() throws IOException {
        return Files.readAllLines(Manifests.DEPLOY.resolve("docker/Dockerfile.jvm")).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    @Test
    @DisplayName("it sets the heap and the collector the benchmark measures RSS with (docs/benchmarks.md)")
    void setsHeapAndCollector() throws IOException {
        List<String> instructions = instructions();
        assertThat(instructions.stream().filter(l -> l.startsWith("ENV JAVA_OPTS_APPEND=")))
                .singleElement()
                .asString()
                .contains("-Xmx256m", "-Xms64m", "-Xmn64m");
        assertThat(instructions)
                .contains(
                        "ENV GC_CONTAINER_OPTIONS=\"-XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30\"");
    }

    @Test
    @DisplayName("it runs as the same non-root user the Deployments and the migration Jobs require")
    void runsAsTheManifestsUser() throws IOException {
        List<String> users =
                instructions().stream().filter(l -> l.startsWith("USER ")).toList();

        assertThat(users).containsExactly("USER 185");
        for (String overlay : Manifests.overlays()) {
            assertThat(Manifests.render(overlay).workloads())
                    .hasSize(4)
                    .allSatisfy(w -> assertThat(w.pod().getSecurityContext().getRunAsUser())
                            .isEqualTo(185L));
        }
    }

    @Test
    @DisplayName("it starts from a pinned UBI OpenJDK 17 runtime image and copies the chosen module's fast-jar")
    void buildsEitherModule() throws IOException {
        List<String> instructions = instructions();
        String from = instructions.stream()
                .filter(l -> l.startsWith("FROM "))
                .findFirst()
                .orElseThrow();
        List<String> violations = new ArrayList<>();
        PodPolicy.image(from.substring("FROM ".length()), "FROM ", violations);

        assertThat(from).startsWith("FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:");
        assertThat(violations).isEmpty();
        assertThat(instructions).contains("ARG MODULE");
        assertThat(instructions.stream().filter(l -> l.startsWith("COPY ")))
                .hasSize(4)
                .allSatisfy(copy -> assertThat(copy).contains("--chown=185 ${MODULE}/target/quarkus-app/"));
        assertThat(instructions.indexOf("ARG MODULE")).isGreaterThan(instructions.indexOf(from));
    }
}
