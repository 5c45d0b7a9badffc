package dev.sparknet.artifacts;

import dev.sparknet.JobFailedException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registry layout, the current pointer, runs.jsonl and the lock, on the local file system (no Spark). */
class ModelRegistryTest {
    @TempDir
    Path tmp;

    private ModelRegistry registry() {
        return ModelRegistry.open(tmp.resolve("reg").toString(), new Configuration());
    }

    @Test
    void emptyRegistryHasNoChampionAndStartsAtVersionOne() {
        ModelRegistry registry = registry();
        assertEquals(Optional.empty(), registry.current());
        assertEquals("000001", registry.nextVersion());
        assertEquals(List.of(), registry.runLog().all());
        assertTrue(Files.isDirectory(tmp.resolve("reg/versions")));
    }

    @Test
    void currentMovesOnlyToCompleteVersionsAndNumbersKeepGrowing() throws IOException {
        ModelRegistry registry = registry();
        PlaceholderVersions.publish(registry, registry.nextVersion());
        registry.switchCurrent("000001");
        assertEquals(Optional.of("000001"), registry.current());
        assertEquals("000001\n", Files.readString(tmp.resolve("reg/current")));
        PlaceholderVersions.publish(registry, registry.nextVersion());
        assertEquals(Optional.of("000001"), registry.current(), "publishing a version does not switch current");
        assertEquals(List.of("000001", "000002"), registry.versions());
        assertEquals("000003", registry.nextVersion());

        Files.createDirectories(tmp.resolve("reg/versions/000003"));
        Files.writeString(tmp.resolve("reg/versions/000003/model.zip"), "half");
        assertThrows(IllegalStateException.class, () -> registry.switchCurrent("000003"));
        assertEquals(Optional.of("000001"), registry.current());
        try (var files = Files.list(tmp.resolve("reg"))) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-")).toList());
        }
    }

    @Test
    void runsJsonlKeepsOneLinePerRecord() throws IOException {
        ModelRegistry registry = registry();
        registry.runLog().append(RunRecord.ended("r1", null, null, null, RunRecord.PROMOTED, "multi\nline \"quoted\"", null));
        registry.runLog().append(new RunRecord("r2", null, null, null, null, 0.5, null, null, null, null, null, null,
                null, null, null, null, RunRecord.KEPT, null, null, null));
        List<String> lines = Files.readAllLines(tmp.resolve("reg/runs.jsonl"));
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertEquals(2, registry.runLog().all().size());
        assertEquals("multi\nline \"quoted\"", registry.runLog().all().get(0).reason());
        assertEquals("kept", registry.runLog().last("r2").orElseThrow().status());
        assertEquals(0.5, registry.runLog().last("r2").orElseThrow().challengerValidationAccuracy());
        assertTrue(registry.runLog().last("r3").isEmpty());
    }

    @Test
    void aRunIsResumableWhileItHasACheckpointAndNoFinalRecord() {
        ModelRegistry registry = registry();
        RunFolder run = registry.run("20250101T000000Z-aaaaaa");
        run.writeInfo(new RunInfo("20250101T000000Z-aaaaaa", "2025-01-01T00:00:00Z", false, null, "h", Map.of(), Map.of()));
        assertFalse(registry.resumable("20250101T000000Z-aaaaaa", true), "no checkpoint yet");
        assertEquals(Optional.empty(), registry.newestInterruptedRun());
    }

    @Test
    void onlyOneOfManySimultaneousRunsGetsTheLock() throws Exception {
        ModelRegistry registry = registry();
        LockContest.run(registry, 8).assertOneWinnerThenRelease();
        assertFalse(Files.exists(tmp.resolve("reg/lock")), "released");
        try (RegistryLock again = RegistryLock.acquire(registry, "later", Duration.ofHours(1), false, h -> false)) {
            assertEquals("later", RegistryLock.holder(registry).orElseThrow().runId());
        }
    }

    @Test
    void aLockOfADeadProcessIsStaleAndCanBeBrokenOnlyWhenAsked() throws IOException {
        ModelRegistry registry = registry();
        RegistryLock.Holder dead = new RegistryLock.Holder("dead-run", RegistryLock.hostName(), deadPid(),
                Instant.now().toString(), "");
        Files.writeString(tmp.resolve("reg/lock"), Json.write(dead));

        JobFailedException e = assertThrows(JobFailedException.class,
                () -> RegistryLock.acquire(registry, "new-run", Duration.ofHours(1), false, h -> false));
        assertTrue(e.getMessage().contains("locked by run dead-run") && e.getMessage().contains("stale")
                && e.getMessage().contains("--break-stale-lock"), e.getMessage());
        assertEquals("dead-run", RegistryLock.holder(registry).orElseThrow().runId(), "the loser leaves the lock alone");

        try (RegistryLock lock = RegistryLock.acquire(registry, "new-run", Duration.ofHours(1), true, h -> false)) {
            assertEquals("new-run", RegistryLock.holder(registry).orElseThrow().runId());
        }
        // The run being resumed may take over its own stale lock without --break-stale-lock.
        Files.writeString(tmp.resolve("reg/lock"), Json.write(dead));
        try (RegistryLock lock = RegistryLock.acquire(registry, "dead-run", Duration.ofHours(1), false,
                h -> h.runId().equals("dead-run"))) {
            assertEquals(ProcessHandle.current().pid(), RegistryLock.holder(registry).orElseThrow().pid());
        }
    }

    @Test
    void aLockFileThatIsNotALockIsReportedNotBroken() throws IOException {
        ModelRegistry registry = registry();
        Files.writeString(tmp.resolve("reg/lock"), "not json");

        JobFailedException e = assertThrows(JobFailedException.class,
                () -> RegistryLock.acquire(registry, "new-run", Duration.ofHours(1), true, h -> true));

        assertTrue(e.getMessage().contains("stayed empty or unreadable") && e.getMessage().contains("delete that file"),
                e.getMessage());
        assertEquals("not json", Files.readString(tmp.resolve("reg/lock")), "left as it was");
    }

    @Test
    void aLiveLockIsNeverBrokenButAnOldOneIs() throws IOException {
        ModelRegistry registry = registry();
        RegistryLock.Holder live = new RegistryLock.Holder("live-run", RegistryLock.hostName(),
                ProcessHandle.current().pid(), Instant.now().toString(), "");
        Files.writeString(tmp.resolve("reg/lock"), Json.write(live));
        JobFailedException e = assertThrows(JobFailedException.class,
                () -> RegistryLock.acquire(registry, "new-run", Duration.ofHours(1), true, h -> true));
        assertTrue(e.getMessage().contains("another retrain is running"), e.getMessage());

        RegistryLock.Holder old = new RegistryLock.Holder("old-run", "some-other-host", 1,
                Instant.now().minus(Duration.ofHours(30)).toString(), "");
        assertTrue(old.staleness(Duration.ofHours(24), Instant.now()).isPresent());
        assertTrue(old.staleness(Duration.ofHours(48), Instant.now()).isEmpty(), "another host's pid cannot be checked");
    }

    private static long deadPid() throws IOException {
        Process p = new ProcessBuilder("true").start();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return p.pid();
    }

    @Test
    void checkpointsKeepTheNewestAndTheBestOnValidation() {
        RunFolder folder = registry().run("r1");
        var network = dev.sparknet.model.NetworkFactory.create(new dev.sparknet.model.MlpSpec(4, List.of(3), 2,
                dev.sparknet.model.MlpSpec.Head.SOFTMAX_CROSS_ENTROPY, 0.01, 1));
        for (int epoch = 1; epoch <= 4; epoch++) {
            List<EpochRow> rows = new java.util.ArrayList<>();
            for (int e = 1; e <= epoch; e++) {
                rows.add(new EpochRow(e, 0.1, 0.9, 1, 1, 1, e == 2 ? 0.95 : 0.90));
            }
            folder.saveCheckpoint(epoch, network, new CheckpointState("r1", epoch, 4, 1, "h", 2,
                    new CheckpointState.BatchOrder(epoch + 1, 0), rows), epoch >= 2 ? 2 : epoch);
        }
        assertEquals(4, folder.latestCheckpoint().orElseThrow().epoch());
        assertEquals(2, folder.checkpoint(3).orElseThrow().epoch(), "epoch 3's is gone, the best (2) is kept");
        assertTrue(Files.isDirectory(tmp.resolve("reg/runs/r1/checkpoint/epoch-0002")));
        assertFalse(Files.exists(tmp.resolve("reg/runs/r1/checkpoint/epoch-0001")));
        assertFalse(Files.exists(tmp.resolve("reg/runs/r1/checkpoint/epoch-0003")));
    }
}
