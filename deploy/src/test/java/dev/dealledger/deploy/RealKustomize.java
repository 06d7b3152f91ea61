package dev.dealledger.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real kustomize, where the machine has it: a {@code kustomize} binary, or {@code kubectl}, which embeds kustomize.
 * Neither can be installed by the build from the registries this project reaches (Debian packages only kustomize's
 * Go sources, npm has no binary package of it); machines of this project's kind come with kubectl, so CI compares.
 */
final class RealKustomize {

    static final String MISSING = "neither kustomize nor kubectl is on the PATH: the comparison with real kustomize is"
            + " skipped; the subset renderer's output is still parsed and policy-checked by the other tests";

    private RealKustomize() {}

    static Optional<List<String>> command() {
        String[] path = Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator);
        for (String dir : path) {
            if (Files.isExecutable(Path.of(dir, "kustomize"))) {
                return Optional.of(List.of(Path.of(dir, "kustomize").toString(), "build"));
            }
        }
        for (String dir : path) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Optional.of(List.of(Path.of(dir, "kubectl").toString(), "kustomize"));
            }
        }
        return Optional.empty();
    }

    /** Renders a kustomization directory with real kustomize; fails when kustomize does. */
    static List<Map<String, Object>> render(List<String> command, Path directory) throws IOException {
        List<String> argv = new ArrayList<>(command);
        argv.add(directory.toString());
        Path stdout = Files.createTempFile("kustomize", ".yaml");
        Path stderr = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder(argv)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", argv) + " failed: " + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return Yaml.documents(stdout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** The path of the first difference between two trees (and both values there), or null when they are equal. */
    static String firstDifference(Object expected, Object actual, String path) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            java.util.Set<Object> keys = new java.util.TreeSet<>(java.util.Comparator.comparing(String::valueOf));
            keys.addAll(e.keySet());
            keys.addAll(a.keySet());
            for (Object key : keys) {
                String difference = firstDifference(e.get(key), a.get(key), path + "." + key);
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (expected instanceof List<?> e && actual instanceof List<?> a && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) {
                String difference = firstDifference(e.get(i), a.get(i), path + "[" + i + "]");
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        return java.util.Objects.equals(expected, actual)
                ? null
                : path + ": kustomize " + expected + ", subset " + actual;
    }

    /** Object by object (keyed kind/namespace/name), the first difference between two renderings, or null. */
    static String firstDifference(List<Map<String, Object>> kustomize, List<Map<String, Object>> subset) {
        Map<String, Map<String, Object>> expected = byId(kustomize);
        Map<String, Map<String, Object>> actual = byId(subset);
        if (!expected.keySet().equals(actual.keySet())) {
            return "objects differ: kustomize " + expected.keySet() + ", subset " + actual.keySet();
        }
        for (var e : expected.entrySet()) {
            String difference = firstDifference(e.getValue(), actual.get(e.getKey()), e.getKey());
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> byId = new java.util.TreeMap<>();
        for (Map<String, Object> object : objects) {
            if (byId.put(KustomizeSubset.id(object), object) != null) {
                throw new IllegalStateException("two objects with id " + KustomizeSubset.id(object));
            }
        }
        return byId;
    }
}
