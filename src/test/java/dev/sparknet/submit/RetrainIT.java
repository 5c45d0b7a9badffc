package dev.sparknet.submit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * `retrain` through submit/local.sh as a scheduler runs it: a driver killed with SIGKILL mid-training and
 * resumed, and two runs racing for one registry. Uses a small slice of real MNIST.
 */
class RetrainIT {
    static final Path HOME = SubmitLocalIT.HOME;
    static final Path MNIST = SubmitLocalIT.MNIST;
    static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> command(Path registry, String... extra) {
        List<String> c = new ArrayList<>(List.of("bash", HOME.resolve("submit/local.sh").toString(), "retrain",
                "--registry", registry.toString(), "--data", MNIST.toString(), "--train-limit", "6000",
                "--test-limit", "1000", "--hidden", "128", "--epochs", "3", "--averaging-frequency", "5",
                "--master", "local[2]"));
        c.addAll(List.of(extra));
        return c;
    }

    private static Process start(List<String> command, Path work, String name) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".err").toFile());
        pb.environment().put("SPARKNET_DRIVER_MEMORY", "2g");
        return pb.start();
    }

    private static String err(Path work, String name) throws IOException {
        return Files.readString(work.resolve(name + ".err"), StandardCharsets.UTF_8);
    }

    /** The invariant a reader relies on: whenever current exists, it names a complete version. */
    private static void assertCurrentComplete(Path registry) throws IOException {
        Path current = registry.resolve("current");
        if (!Files.exists(current)) {
            return;
        }
        String version = Files.readString(current).strip();
        for (String f : List.of("model.zip", "metrics.json", "manifest.json")) {
            assertTrue(Files.isRegularFile(registry.resolve("versions").resolve(version).resolve(f)),
                    "current names " + version + " but its " + f + " is missing");
        }
    }

    private static Optional<Path> checkpoint(Path registry) throws IOException {
        Path runs = registry.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (Stream<Path> all = Files.walk(runs)) {
            return all.filter(p -> p.getFileName().toString().matches("epoch-\\d+")
                    && p.getParent().getFileName().toString().equals("checkpoint")).findFirst();
        }
    }

    private static List<JsonNode> runs(Path registry) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        Path log = registry.resolve("runs.jsonl");
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private static List<String> versions(Path registry) throws IOException {
        try (Stream<Path> v = Files.list(registry.resolve("versions"))) {
            return v.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    private static void killTree(Process p) {
        List<ProcessHandle> descendants = p.descendants().toList();
        p.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aDriverKilledMidTrainingResumesAndPublishesExactlyOnce(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(MNIST), "real MNIST not found at " + MNIST + "; skipped");
        Path registry = work.resolve("registry");
        Process first = start(command(registry), work, "first");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        Optional<Path> checkpoint = Optional.empty();
        while (checkpoint.isEmpty()) {
            if (!first.isAlive()) {
                fail("the run ended (exit " + first.exitValue() + ") before its first checkpoint:\n" + err(work, "first"));
            }
            if (System.nanoTime() > deadline) {
                killTree(first);
                fail("no checkpoint after 8 minutes");
            }
            assertCurrentComplete(registry);
            Thread.sleep(100);
            checkpoint = checkpoint(registry);
        }
        killTree(first); // SIGKILL: no finally blocks, no lock release, no runs.jsonl line
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, first.exitValue(), "killed by SIGKILL");
        String runId = checkpoint.get().getParent().getParent().getFileName().toString();
        assertFalse(Files.exists(registry.resolve("current")), "nothing published by the killed run");
        assertEquals(List.of(), runs(registry));
        assertTrue(Files.exists(registry.resolve("lock")), "the dead driver's lock stays behind");

        Process resume = start(command(registry, "--resume"), work, "resume");
        while (!resume.waitFor(100, TimeUnit.MILLISECONDS)) {
            assertCurrentComplete(registry);
        }
        assertEquals(0, resume.exitValue(), err(work, "resume"));
        String log = err(work, "resume") + Files.readString(work.resolve("resume.out"));
        assertTrue(log.contains("resuming run " + runId), log);
        assertTrue(log.contains("broke the stale lock"), log);

        assertEquals(List.of("000001"), versions(registry), "exactly one version published");
        assertEquals("000001", Files.readString(registry.resolve("current")).strip());
        assertCurrentComplete(registry);
        List<JsonNode> runs = runs(registry);
        assertEquals(1, runs.size(), runs.toString());
        assertEquals(runId, runs.get(0).get("run_id").asText());
        assertEquals("promoted", runs.get(0).get("status").asText());
        assertTrue(runs.get(0).get("resumed").asBoolean());
        assertTrue(runs.get(0).get("challenger_test_accuracy").asDouble() > 0.85, runs.get(0).toString());
        JsonNode metrics = JSON.readTree(registry.resolve("versions/000001/metrics.json").toFile());
        assertEquals(3, metrics.get("epochs").size(), "epochs before and after the kill are all in metrics.json");
        assertFalse(Files.exists(registry.resolve("lock")));
    }

    /**
     * A second run while the first holds the lock: the first is frozen (SIGSTOP) as soon as its lock file names it,
     * so the second meets the lock however fast or slow either JVM is; then the first is let go and publishes.
     */
    @Test
    void aSecondRunWhileTheFirstHoldsTheLockIsRefusedAndChangesNothing(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(MNIST), "real MNIST not found at " + MNIST + "; skipped");
        Path registry = work.resolve("registry");
        Process a = start(command(registry, "--epochs", "1"), work, "a");
        try {
            long holder = lockHolder(registry, a, work, "a");
            signal("STOP", holder);
            try {
                Process b = start(command(registry, "--epochs", "1"), work, "b");
                assertTrue(b.waitFor(5, TimeUnit.MINUTES), "the second run did not end while the first held the lock");
                assertEquals(1, b.exitValue(), err(work, "b"));
                List<String> errorLines = err(work, "b").lines().filter(l -> l.startsWith("sparknet retrain")).toList();
                assertEquals(1, errorLines.size(), err(work, "b"));
                assertTrue(errorLines.get(0).contains("is locked by run") && errorLines.get(0).contains("(pid " + holder + " ")
                        && errorLines.get(0).contains("Nothing was changed"), errorLines.get(0));
                assertEquals(holder, JSON.readTree(registry.resolve("lock").toFile()).get("pid").asLong(),
                        "the refused run left the lock as it was");
                assertEquals(List.of(), runs(registry), "the refused run leaves no line");
            } finally {
                signal("CONT", holder);
            }
            assertTrue(a.waitFor(10, TimeUnit.MINUTES), "the first run did not finish");
        } finally {
            killTree(a); // a no-op once it has ended; otherwise it must not outlive the test's folder
        }
        assertEquals(0, a.exitValue(), err(work, "a"));
        assertEquals(List.of("000001"), versions(registry));
        assertEquals("000001", Files.readString(registry.resolve("current")).strip());
        List<JsonNode> runs = runs(registry);
        assertEquals(1, runs.size(), runs.toString());
        assertEquals("promoted", runs.get(0).get("status").asText());
        assertFalse(Files.exists(registry.resolve("lock")));
    }

    /** Waits until the registry's lock file names its holder (the run's driver JVM, {@code run} itself); its pid. */
    private static long lockHolder(Path registry, Process run, Path work, String name) throws Exception {
        Path lock = registry.resolve("lock");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!Files.exists(lock)) {
            if (!run.isAlive()) {
                fail("the run ended (exit " + run.exitValue() + ") before it locked the registry:\n" + err(work, name));
            }
            if (System.nanoTime() > deadline) {
                killTree(run);
                fail("no lock after 5 minutes");
            }
            Thread.sleep(20);
        }
        long pid = JSON.readTree(lock.toFile()).get("pid").asLong(); // the file appears complete (hard link)
        assertEquals(run.pid(), pid, "submit/local.sh execs the driver JVM, which holds the lock");
        return pid;
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " " + pid);
    }
}
