package dev.dealledger.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Where the manifests live, and each overlay rendered by {@link KustomizeSubset} and parsed by {@link StrictModel}. */
final class Manifests {

    /** The deploy/ module folder: Surefire names it in "basedir" (and runs the tests there). */
    static final Path DEPLOY = Path.of(System.getProperty("basedir", "")).toAbsolutePath();

    static final Path BASE = DEPLOY.resolve("base");
    static final Path OVERLAYS = DEPLOY.resolve("overlays");

    /** Overlays this repository must ship; the tests fail if one is missing or an unexpected one appears. */
    static final List<String> EXPECTED_OVERLAYS = List.of("dev", "prod");

    /**
     * The query processor's default segment count (ledger.processor.segments), used when the ConfigMap does not set
     * LEDGER_PROCESSOR_SEGMENTS: replicas beyond it would claim no segment (README, "Scale the query service").
     */
    static final int QUERY_PROCESSOR_SEGMENTS = 4;

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    private Manifests() {}

    /** The folders under overlays/, sorted. */
    static List<String> overlays() {
        try (Stream<Path> children = Files.list(OVERLAYS)) {
            return children.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Rendered render(String overlay) {
        return CACHE.computeIfAbsent(overlay, name -> {
            List<Map<String, Object>> trees = KustomizeSubset.render(OVERLAYS.resolve(name));
            List<HasMetadata> objects = trees.stream().map(StrictModel::parse).toList();
            return new Rendered(name, trees, objects);
        });
    }

    /** The kinds whose pods the ledger runs: serving Deployments and the migration Jobs. */
    static final List<String> WORKLOAD_KINDS = List.of("Deployment", "Job");

    /** A workload and its pod template, whatever its kind. */
    record Workload(HasMetadata object, PodTemplateSpec template) {

        String name() {
            return object.getMetadata().getName();
        }

        boolean isJob() {
            return object instanceof Job;
        }

        PodSpec pod() {
            return template.getSpec();
        }

        Container container() {
            return pod().getContainers().get(0);
        }

        Map<String, String> podLabels() {
            return template.getMetadata().getLabels();
        }
    }

    /** One overlay, rendered: the plain trees and the strictly parsed objects, in the same order. */
    record Rendered(String overlay, List<Map<String, Object>> trees, List<HasMetadata> objects) {

        /** Every workload of {@link #WORKLOAD_KINDS}: the Deployments, then the Jobs. */
        List<Workload> workloads() {
            List<Workload> workloads = new ArrayList<>();
            all(Deployment.class)
                    .forEach(d -> workloads.add(new Workload(d, d.getSpec().getTemplate())));
            all(Job.class)
                    .forEach(j -> workloads.add(new Workload(j, j.getSpec().getTemplate())));
            return workloads;
        }

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type, String name) {
            return all(type).stream()
                    .filter(o -> name.equals(o.getMetadata().getName()))
                    .findFirst()
                    .orElseThrow(
                            () -> new NoSuchElementException(overlay + ": no " + type.getSimpleName() + " " + name));
        }

        Map<String, Object> tree(String kind, String name) {
            return trees.stream()
                    .filter(t -> kind.equals(t.get("kind")) && name.equals(Yaml.at(t, "metadata.name")))
                    .findFirst()
                    .orElseThrow(() -> new NoSuchElementException(overlay + ": no " + kind + " " + name));
        }

        String namespace() {
            return objects.get(0).getMetadata().getNamespace();
        }
    }
}
