package dev.sparknet.artifacts;

import dev.sparknet.JobFailedException;
import dev.sparknet.MiniHdfs;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry's promises on real HDFS (MiniDFSCluster on 127.0.0.1), where `retrain` is meant to keep
 * it: versions published whole, `current` switched by rename, runs.jsonl appended, and exactly one
 * holder of the lock among simultaneous runs (create-exclusive on the NameNode).
 */
class ModelRegistryHdfsTest {
    @RegisterExtension
    static final MiniHdfs hdfs = MiniHdfs.perTestClass(1);
    static int registries;

    private static ModelRegistry newRegistry() {
        return ModelRegistry.open(hdfs.root() + "/registries/reg-" + (++registries), new Configuration());
    }

    private static String read(FileSystem fs, Path path) throws IOException {
        return new String(fs.open(path).readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void versionsArePublishedWholeAndCurrentMovesOnlyToCompleteOnes() throws IOException {
        ModelRegistry registry = newRegistry();
        FileSystem fs = hdfs.fileSystem();
        assertEquals(Optional.empty(), registry.current());
        assertEquals("000001", registry.nextVersion());

        PlaceholderVersions.publish(registry, registry.nextVersion());
        registry.switchCurrent("000001");
        PlaceholderVersions.publish(registry, registry.nextVersion());
        registry.switchCurrent("000002");

        assertEquals(Optional.of("000002"), registry.current());
        assertEquals("000002\n", read(fs, new Path(registry.root(), ModelRegistry.CURRENT)));
        assertEquals(List.of("000001", "000002"), registry.versions());
        assertTrue(fs.exists(new Path(registry.modelPath("000002"))));

        // A version directory without its files (a run that died mid-publish) is never made current.
        fs.mkdirs(new Path(registry.root(), ModelRegistry.VERSIONS + "/000003"));
        try (OutputStream half = fs.create(new Path(registry.modelPath("000003")))) {
            half.write("half".getBytes(StandardCharsets.UTF_8));
        }
        assertThrows(IllegalStateException.class, () -> registry.switchCurrent("000003"));
        assertEquals(Optional.of("000002"), registry.current());
        List<String> leftovers = Arrays.stream(fs.listStatus(registry.root())).map(FileStatus::getPath)
                .map(Path::getName).filter(n -> n.contains(".tmp-") || n.startsWith(".")).toList();
        assertEquals(List.of(), leftovers, "staging and temporary files left in the registry");
    }

    @Test
    void runsJsonlGainsOneLinePerRecord() throws IOException {
        ModelRegistry registry = newRegistry();
        registry.runLog().append(RunRecord.ended("r1", null, null, null, RunRecord.PROMOTED, "first", null));
        registry.runLog().append(RunRecord.ended("r2", null, null, null, RunRecord.KEPT, "worse", null));
        registry.runLog().append(RunRecord.ended("r3", null, null, null, RunRecord.FAILED, "crash", null));

        String text = read(hdfs.fileSystem(), new Path(registry.root(), ModelRegistry.RUNS_LOG));
        assertEquals(3, text.lines().count(), text);
        assertEquals(List.of("r1", "r2", "r3"), registry.runLog().all().stream().map(RunRecord::runId).toList());
    }

    @Test
    void exactlyOneOfManySimultaneousRunsGetsTheLock() throws Exception {
        ModelRegistry registry = newRegistry();
        LockContest.run(registry, 6).assertOneWinnerThenRelease();
        assertFalse(hdfs.fileSystem().exists(new Path(registry.root(), RegistryLock.LOCK)), "released");
    }

    @Test
    void aStaleLockIsBrokenOnlyWhenAsked() throws IOException {
        ModelRegistry registry = newRegistry();
        RegistryLock.Holder old = new RegistryLock.Holder("old-run", "some-other-host", 1,
                Instant.now().minus(Duration.ofHours(30)).toString(), "");
        try (OutputStream out = hdfs.fileSystem().create(new Path(registry.root(), RegistryLock.LOCK))) {
            out.write(Json.write(old).getBytes(StandardCharsets.UTF_8));
        }

        JobFailedException e = assertThrows(JobFailedException.class,
                () -> RegistryLock.acquire(registry, "new-run", Duration.ofHours(24), false, h -> false));
        assertTrue(e.getMessage().contains("locked by run old-run") && e.getMessage().contains("stale"), e.getMessage());

        try (RegistryLock lock = RegistryLock.acquire(registry, "new-run", Duration.ofHours(24), true, h -> false)) {
            assertEquals("new-run", RegistryLock.holder(registry).orElseThrow().runId());
        }
    }
}
