package dev.sparknet.submit;

import dev.sparknet.RealMnist;
import dev.sparknet.data.LocalMnistServer;
import dev.sparknet.data.MnistFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17 through submit/local.sh, as a newcomer runs it: no --data, an empty cache ($SPARKNET_DATA_DIR), the
 * download URL pointed at a server on 127.0.0.1 by a --conf file; and the ways a first run must fail fast.
 */
class FirstRunIT {
    @TempDir
    Path work;

    private record Run(int exitCode, String stdout, String stderr, double seconds) {
        List<String> errorLines() {
            // the JVM's own note about JAVA_TOOL_OPTIONS, when a developer has it set, is not ours
            return stderr.lines().filter(l -> !l.isBlank() && !l.startsWith("Picked up ")).toList();
        }
    }

    private Run submit(Path cache, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SubmitLocalIT.HOME.resolve("submit/local.sh").toString()));
        command.addAll(List.of(args));
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("SPARKNET_DRIVER_MEMORY", "2g");
        pb.environment().put("SPARKNET_DATA_DIR", cache.toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "submit/local.sh did not finish in 10 minutes");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), (System.nanoTime() - t0) / 1e9);
    }

    private Path confPointingAt(String url) throws IOException {
        return Files.writeString(work.resolve("mirror.properties"), "data.mnist-url=" + url + "\n");
    }

    private static List<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void emptyCacheIsFetchedCheckedAndTrainedOnInOneCommand() throws Exception {
        Map<String, byte[]> real = LocalMnistServer.realFiles();
        Path cache = Files.createDirectories(work.resolve("cache"));
        Path run = work.resolve("run");
        Run r;
        try (LocalMnistServer server = new LocalMnistServer(real)) {
            r = submit(cache, "mnist", "--conf", confPointingAt(server.baseUrl()).toString(), "--output", run.toString(),
                    "--epochs", "1", "--patience", "0", "--lr-schedule", "exponential", "--validation", "0",
                    "--hidden", "128", "--train-limit", "6000", "--test-limit", "1000");
        }
        assertEquals(0, r.exitCode(), r.stderr());
        for (MnistFile f : MnistFile.FILES) {
            assertEquals(-1L, Files.mismatch(cache.resolve("mnist").resolve(f.name()),
                    LocalMnistServer.realDir().resolve(f.name())), f.name());
            assertTrue(r.stdout().contains(f.name() + ": ") && r.stdout().contains("md5 " + f.md5() + " ok"),
                    "each file's md5 is checked and said so:\n" + r.stdout());
        }
        assertTrue(r.stdout().contains("no --data and no mnist in " + cache.resolve("mnist")), r.stdout());
        assertEquals(List.of("mnist"), namesIn(cache), "nothing beside the dataset's folder");
        JsonNode metrics = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        assertTrue(metrics.get("test_accuracy").asDouble() > 0.8, metrics.toString());
    }

    @Test
    void corruptedDownloadIsOneLineExitTwoAndNothingCached() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>(LocalMnistServer.realFiles());
        MnistFile labels = MnistFile.TRAIN_LABELS;
        byte[] corrupt = files.get(labels.name()).clone();
        corrupt[100] ^= 0x10;
        files.put(labels.name(), corrupt);
        Path cache = Files.createDirectories(work.resolve("cache"));
        Run r;
        try (LocalMnistServer server = new LocalMnistServer(files)) {
            r = submit(cache, "mnist", "--conf", confPointingAt(server.baseUrl()).toString(),
                    "--output", work.resolve("run").toString());
        }
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals(1, r.errorLines().size(), "one line on stderr:\n" + r.stderr());
        String line = r.errorLines().get(0);
        assertTrue(line.startsWith("sparknet mnist: error: no --data given and no mnist files in " + cache.resolve("mnist")
                + "; fetching them failed: " + labels.name() + ": md5 mismatch"), line);
        assertTrue(line.contains("pass --data DIR"), line);
        assertEquals(List.of(), namesIn(cache), "no dataset folder and no staging folder left");
        assertFalse(Files.exists(work.resolve("run")));
    }

    @Test
    void offlineWithAnEmptyCacheIsOneLineWithinSeconds() throws Exception {
        Path cache = Files.createDirectories(work.resolve("cache"));
        Run r = submit(cache, "mnist", "--conf", confPointingAt("http://127.0.0.1:1/mnist").toString(),
                "--output", work.resolve("run").toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals(1, r.errorLines().size(), "one line on stderr:\n" + r.stderr());
        String line = r.errorLines().get(0);
        assertTrue(line.contains("no mnist files in " + cache.resolve("mnist") + "; fetching them failed: could not reach "
                + "http://127.0.0.1:1/mnist/"), line);
        assertTrue(line.contains("pass --data DIR"), line);
        // JVM start-up included; the README quotes the figure measured
        assertTrue(r.seconds() < 20, "took " + r.seconds() + " s");
        assertEquals(List.of(), namesIn(cache));
    }

    @Test
    void networkTooLargeForTheDriverIsOneLineWithinSeconds() throws Exception {
        Run r = submit(work.resolve("unused-cache"), "mnist", "--data", RealMnist.required().toString(),
                "--output", work.resolve("run").toString(), "--hidden", "300000");
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals(1, r.errorLines().size(), "one line on stderr:\n" + r.stderr());
        String line = r.errorLines().get(0);
        assertTrue(line.startsWith("sparknet mnist: error: not enough memory for 784-300000-10 (238,500,010 parameters"), line);
        assertTrue(line.contains("GB is configured: raise SPARKNET_DRIVER_MEMORY to at least "), line);
        assertTrue(r.seconds() < 20, "took " + r.seconds() + " s");
        assertFalse(r.stdout().contains("exported"), "nothing exported:\n" + r.stdout());
        assertFalse(Files.exists(work.resolve("run")));
    }
}
