package dev.sparknet.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparknet.bench.BenchResult;
import dev.sparknet.cli.JobSettings;
import dev.sparknet.config.BenchJobConfig;
import dev.sparknet.data.QuadrantDigits;
import dev.sparknet.training.TrainingListener;
import org.apache.spark.SparkContext$;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bench measures the distributed job with elastic distortions in the same run, unless --augment none. */
class BenchAugmentSparkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @AfterEach
    void noSparkContextLeftRunning() {
        assertFalse(SparkContext$.MODULE$.getActive().isDefined(), "the job left its SparkContext running");
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private BenchResult bench(Path data, String out, String augment) {
        return BenchJob.run(BenchJobConfig.from(JobSettings.of("bench",
                "data", data.toString(), "output", tmp.resolve(out).toString(), "master", "local[2]",
                "epochs", "2", "hidden", "16", "batch", "32", "averaging-frequency", "2", "workers", "2",
                "gemm-seconds", "0.2", "skip-single", "true", "augment", augment)), TrainingListener.NONE);
    }

    @Test
    void benchJsonComparesElasticWithPlain() throws IOException {
        Path data = Files.createDirectory(tmp.resolve("quadrants"));
        QuadrantDigits.write(data, 300, 60, 4, 5);

        BenchResult result = bench(data, "bench", "elastic");

        JsonNode json = JSON.readTree(tmp.resolve("bench").resolve("bench.json").toFile());
        double augmented = json.get("augment_examples_per_second").asDouble();
        double plain = BenchJob.meanSpeed(result.distributedEpochs().subList(1, 2));
        assertTrue(augmented > 0, "augment_examples_per_second " + augmented);
        assertEquals(augmented / plain, json.get("augment_vs_plain_whole_runs").asDouble(), 1e-9,
                "elastic over plain, epochs 2.. of each");
        double ratio = json.get("augment_vs_plain").asDouble();
        assertTrue(ratio > 0 && Double.isFinite(ratio), "augment_vs_plain " + ratio);
        assertTrue(json.get("augment_microseconds_per_image").asDouble() > 0);
        assertEquals(2, json.get("augment_epochs").size());
        assertEquals("elastic", json.at("/augmentation/augment").asText());
        assertEquals(result.augment().augmentVsPlain(), json.get("augment_vs_plain").asDouble());

        JsonNode weak = json.get("weak_scaling");
        assertEquals("elastic", weak.get("compute_source").asText(), "compute per minibatch from the elastic run");
        assertEquals(2, weak.get("aggregation_depth").asInt(), "DL4J's default, unchanged by TrainingMasters");
        assertTrue(weak.get("broadcast_bytes").asLong() > 0 && weak.get("result_bytes").asLong() > 0, weak.toString());
        assertTrue(weak.get("compute_seconds_per_minibatch").asDouble() > 0, weak.toString());
        assertTrue(weak.get("task_launch_seconds").asDouble() >= 0, weak.toString());
        assertEquals(List.of("8", "32", "128"), List.copyOf(iterable(weak.get("projections").fieldNames())));
        assertEquals(10, weak.at("/projections/128/tree_aggregate_levels/1").asInt());
        double e = weak.at("/projections/32/efficiency").asDouble();
        assertTrue(e > 0 && e <= 1, "efficiency " + e);
    }

    @Test
    void augmentNoneSkipsTheElasticRun() throws IOException {
        Path data = Files.createDirectory(tmp.resolve("quadrants"));
        QuadrantDigits.write(data, 200, 40, 4, 5);

        bench(data, "plain", "none");

        JsonNode json = JSON.readTree(tmp.resolve("plain").resolve("bench.json").toFile());
        assertFalse(json.has("augment_vs_plain"));
        assertTrue(json.has("distributed_examples_per_second"));
        assertEquals("plain", json.at("/weak_scaling/compute_source").asText());
    }
}
