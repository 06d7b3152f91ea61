package dev.dealledger.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline verifier reads an export, the public key and a kept checkpoint, and answers as the library does. */
class VerifyingAnExportOfflineTest {

    @TempDir
    Path dir;

    private final SyntheticLog log =
            new SyntheticLog().transaction("a", "b").transaction("a").transaction("b");

    @Test
    void an_untouched_export_verifies_with_exit_status_0() throws IOException {
        Result result = run(write(log.events, log.checkpoints), null);

        assertThat(result.status()).isZero();
        assertThat(result.out()).startsWith("ok eventsChecked=4 head=4").contains("latestCheckpoint=4@");
    }

    @Test
    void a_truncated_export_fails_against_the_kept_checkpoint_with_exit_status_1() throws IOException {
        Path kept = dir.resolve("kept.json");
        Files.writeString(kept, Export.toJson(log.checkpoints.get(2)).toString());

        Result result = run(write(log.events.subList(0, 3), log.checkpoints.subList(0, 2)), kept);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out()).startsWith("TAMPERED").contains("firstBadPosition=4");
    }

    @Test
    void the_wrong_public_key_fails_verification() throws IOException {
        Path export = write(log.events, log.checkpoints);
        Path otherKey = dir.resolve("other.pem");
        Files.writeString(
                otherKey, CheckpointKeys.publicPem(CheckpointKeys.generate().getPublic()));

        Result result = run(export, null, otherKey);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out()).contains("firstBadPosition=2").contains("not signed by the ledger's key");
    }

    @Test
    void a_file_that_is_not_an_export_is_a_usage_error() throws IOException {
        Path notAnExport = dir.resolve("x.ndjson");
        Files.writeString(notAnExport, "{\"hello\":1}\n");

        assertThat(run(notAnExport, null).status()).isEqualTo(2);
    }

    private Path write(List<StoredEvent> events, List<Checkpoint> checkpoints) throws IOException {
        Path file = dir.resolve("export-" + events.size() + "-" + checkpoints.size() + ".ndjson");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Export.Out out = new Export.Out(writer);
            for (Checkpoint checkpoint : checkpoints) {
                out.checkpoint(checkpoint);
            }
            for (StoredEvent event : events) {
                out.event(event);
            }
        }
        return file;
    }

    private record Result(int status, String out) {}

    private Result run(Path export, Path trusted) throws IOException {
        Path key = dir.resolve("public.pem");
        Files.writeString(key, CheckpointKeys.publicPem(log.keys.getPublic()));
        return run(export, trusted, key);
    }

    private Result run(Path export, Path trusted, Path key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args =
                new java.util.ArrayList<>(List.of("--export", export.toString(), "--public-key", key.toString()));
        if (trusted != null) {
            args.addAll(List.of("--trusted-checkpoint", trusted.toString()));
        }
        int status = Main.run(
                args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }
}
