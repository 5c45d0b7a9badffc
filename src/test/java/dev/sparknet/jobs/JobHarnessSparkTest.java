package dev.sparknet.jobs;

import dev.sparknet.artifacts.RunProvenance;
import org.apache.spark.SparkContext$;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness starts Spark only when the body first asks for it (bench measures this JVM alone first) and
 * stops it after the body only if it started. The harness creates its own context, so this class shares none.
 */
class JobHarnessSparkTest {
    @TempDir
    Path tmp;

    @AfterEach
    void noSparkContextLeftRunning() {
        assertFalse(sparkRunning(), "the harness left a SparkContext running");
    }

    private static boolean sparkRunning() {
        return SparkContext$.MODULE$.getActive().isDefined();
    }

    private JobHarness.Target target(Path out, int workers) {
        return new JobHarness.Target(out.toString(), false, "local[2]", "", workers);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aBodyThatNeverAsksForSparkRunsWithoutItAndStillPublishes() throws IOException {
        Path out = tmp.resolve("out");
        JobHarness job = JobHarness.begin("test");
        AtomicReference<JobHarness.Context> kept = new AtomicReference<>();

        String result = job.run(target(out, 2), run -> {
            assertFalse(sparkRunning(), "Spark started before the body asked for it");
            run.output().writeString("result.txt", "no Spark");
            kept.set(run);
            return "done";
        });

        assertEquals("done", result);
        assertFalse(sparkRunning());
        assertEquals("no Spark", Files.readString(out.resolve("result.txt")));
        assertEquals(List.of("out"), names(tmp), "only the published directory is left");
        assertEquals(out, Path.of(URI.create(job.published())));
        assertThrows(IllegalStateException.class, () -> kept.get().sc(), "Spark started after the run ended");
        assertFalse(sparkRunning());
    }

    @Test
    void aBodyThatAsksForSparkGetsOneContextStoppedAfterwards() throws IOException {
        Path out = tmp.resolve("out");
        JobHarness job = JobHarness.begin("test");
        AtomicReference<JavaSparkContext> used = new AtomicReference<>();
        AtomicReference<Path> scratch = new AtomicReference<>();

        RunProvenance provenance = job.run(target(out, 0), run -> {
            assertFalse(sparkRunning(), "Spark started before the body asked for it");
            run.output().writeString("before.txt", "pre-Spark phase");
            JavaSparkContext sc = run.sc();
            assertTrue(sparkRunning());
            assertSame(sc, run.sc(), "a second call starts no second context");
            assertEquals(2, run.workers(), "no --workers: Spark's default parallelism, 2 on local[2]");
            assertEquals(List.of(1, 2, 3), sc.parallelize(List.of(1, 2, 3), run.workers()).collect());
            scratch.set(Path.of(URI.create(run.scratch().resolve("child"))).getParent());
            assertTrue(Files.isDirectory(scratch.get()));
            used.set(sc);
            return job.provenance(run, Map.of(), Map.of());
        });

        assertTrue(used.get().sc().isStopped(), "the harness did not stop the Spark it started");
        assertEquals("local[2]", provenance.sparkMaster());
        assertEquals(2, provenance.workers());
        assertEquals("pre-Spark phase", Files.readString(out.resolve("before.txt")));
        assertFalse(Files.exists(scratch.get()), "scratch directory left behind");
        assertEquals(List.of("out"), names(tmp), "only the published directory is left");
    }

    @Test
    void aFailingBodyPublishesNothingAndStopsTheSparkItStarted() throws IOException {
        Path out = tmp.resolve("out");
        AtomicReference<JavaSparkContext> used = new AtomicReference<>();

        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                JobHarness.begin("test").run(target(out, 2), run -> {
                    used.set(run.sc());
                    run.scratch();
                    run.output().writeString("partial.txt", "half done");
                    throw new IllegalStateException("the body failed");
                }));

        assertEquals("the body failed", e.getMessage());
        assertTrue(used.get().sc().isStopped());
        assertEquals(List.of(), names(tmp), "nothing published, no staging or scratch directory left");
    }
}
