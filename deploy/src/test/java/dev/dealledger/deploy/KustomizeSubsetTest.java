package dev.dealledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The subset renderer applies what it supports as kustomize does, and refuses the rest")
class KustomizeSubsetTest {

    @TempDir
    Path dir;

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              template:
                spec:
                  containers:
                    - name: main
                      image: app
                      args: [serve]
                      env:
                        - {name: A, value: "1"}
                        - {name: B, value: "2"}
                    - name: sidecar
                      image: registry.local:5000/sidecar:1.0
            """;

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private void base() throws IOException {
        write("base/deployment.yaml", DEPLOYMENT);
        write("base/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [deployment.yaml]
                """);
    }

    private void overlay(String kustomizationBody) throws IOException {
        write("overlay/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [../base]
                """ + kustomizationBody);
    }

    /**
     * Renders the overlay with the subset; where real kustomize is available, also with it, and requires the same
     * result, so these examples pin the subset to kustomize's behaviour and not to this file's idea of it.
     */
    private List<Map<String, Object>> render() throws IOException {
        Path overlay = dir.resolve("overlay");
        List<Map<String, Object>> subset = KustomizeSubset.render(overlay);
        Optional<List<String>> kustomize = RealKustomize.command();
        if (kustomize.isPresent()) {
            assertThat(RealKustomize.firstDifference(RealKustomize.render(kustomize.get(), overlay), subset))
                    .as("first difference from real kustomize")
                    .isNull();
        }
        return subset;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(List<Map<String, Object>> rendered) {
        return (List<Map<String, Object>>) Yaml.at(rendered.get(0), "spec.template.spec.containers");
    }

    @Test
    @DisplayName("a patch merges containers by name and env by name (patch items first, as kustomize orders them), "
            + "leaving everything else as it was")
    void mergesByName() throws IOException {
        base();
        overlay("patches:\n  - path: patch.yaml\n");
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  template:
                    spec:
                      containers:
                        - name: main
                          env:
                            - {name: B, value: "20"}
                            - {name: C, value: "3"}
                """);

        List<Map<String, Object>> containers = containers(render());

        assertThat(containers).extracting(c -> c.get("name")).containsExactly("main", "sidecar");
        assertThat(containers.get(0))
                .containsEntry("args", List.of("serve"))
                .containsEntry(
                        "env",
                        List.of(
                                Map.of("name", "B", "value", "20"),
                                Map.of("name", "C", "value", "3"),
                                Map.of("name", "A", "value", "1")));
    }

    @Test
    @DisplayName("a null in a patch deletes the field")
    void nullDeletes() throws IOException {
        base();
        overlay("patches:\n  - path: patch.yaml\n");
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  template:
                    spec:
                      containers:
                        - name: main
                          args: null
                """);

        assertThat(containers(render()).get(0)).doesNotContainKey("args");
    }

    @Test
    @DisplayName("images retags only the matching name, also behind a registry port")
    void retagsImages() throws IOException {
        base();
        overlay("""
                images:
                  - {name: app, newName: registry.example.com/app, newTag: "2.0"}
                  - {name: registry.local:5000/sidecar, digest: "sha256:abc"}
                """);

        assertThat(containers(render()))
                .extracting(c -> c.get("image"))
                .containsExactly("registry.example.com/app:2.0", "registry.local:5000/sidecar@sha256:abc");
    }

    @Test
    @DisplayName("namespace and labels reach every object's metadata, not its pod template")
    void namespaceAndLabels() throws IOException {
        base();
        overlay("namespace: team\nlabels:\n  - pairs: {env: test}\n");

        Map<String, Object> deployment = render().get(0);

        assertThat(Yaml.at(deployment, "metadata.namespace")).isEqualTo("team");
        assertThat(Yaml.at(deployment, "metadata.labels")).isEqualTo(Map.of("env", "test"));
        assertThat(Yaml.at(deployment, "spec.template.metadata")).isNull();
    }

    @Test
    @DisplayName("a kustomization field outside the subset is refused, not ignored")
    void refusesUnsupportedFields() throws IOException {
        base();
        overlay("namePrefix: staging-\n");

        assertThatThrownBy(() -> KustomizeSubset.render(dir.resolve("overlay")))
                .isInstanceOf(KustomizeSubset.UnsupportedKustomization.class)
                .hasMessageContaining("namePrefix");
    }

    @Test
    @DisplayName("a patch of a list without a known merge key is refused, not guessed")
    void refusesUnknownListMerges() throws IOException {
        base();
        overlay("patches:\n  - path: patch.yaml\n");
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  template:
                    spec:
                      containers:
                        - name: main
                          args: [migrate]
                """);

        assertThatThrownBy(() -> KustomizeSubset.render(dir.resolve("overlay")))
                .isInstanceOf(KustomizeSubset.UnsupportedKustomization.class)
                .hasMessageContaining("args");
    }

    @Test
    @DisplayName("a patch that matches no resource fails, as in kustomize")
    void patchWithoutTargetFails() throws IOException {
        base();
        overlay("patches:\n  - path: patch.yaml\n");
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: typo
                spec: {}
                """);

        assertThatThrownBy(() -> KustomizeSubset.render(dir.resolve("overlay")))
                .hasMessageContaining("must match exactly one resource, matched 0");
    }
}
