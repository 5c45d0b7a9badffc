package dev.sparknet.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparknet.JobsCloseTheirContext;
import dev.sparknet.cli.JobSettings;
import dev.sparknet.config.RetrainJobConfig;
import dev.sparknet.data.QuadrantDigits;
import dev.sparknet.training.TrainingListener;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The `retrain` job end to end in Spark local mode on synthetic quadrant digits; each run starts its own context. */
@ExtendWith(JobsCloseTheirContext.class)
@Tag("slow") // over 20 s; `mvn -B test -DexcludedGroups=slow` leaves it out
class RetrainJobSparkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path data;

    @BeforeEach
    void writeData() throws IOException {
        data = Files.createDirectory(tmp.resolve("quadrants"));
        QuadrantDigits.write(data, 400, 200, 4, 7);
    }

    /** What the next retrain() call steps in with. */
    private RetrainHooks hooks = RetrainHooks.NONE;

    private RetrainJob.Result retrain(Path registry, String... extra) {
        List<String> flags = new ArrayList<>(List.of("data", data.toString(), "registry", registry.toString(),
                "master", "local[2]", "hidden", "16", "batch", "32", "epochs", "2", "warm-epochs", "1",
                "learning-rate", "0.01", "warm-learning-rate", "0.002", "averaging-frequency", "2", "workers", "2",
                "validation", "100"));
        flags.addAll(List.of(extra));
        return RetrainJob.run(RetrainJobConfig.from(JobSettings.of("retrain", flags.toArray(String[]::new))),
                TrainingListener.NONE, hooks);
    }

    private static RetrainHooks afterCheckpoint(java.util.function.IntConsumer action) {
        return new RetrainHooks() {
            @Override
            public void afterCheckpoint(int epoch) {
                action.accept(epoch);
            }
        };
    }

    private static RetrainHooks beforeCurrentSwitch(Runnable action) {
        return new RetrainHooks() {
            @Override
            public void beforeCurrentSwitch() {
                action.run();
            }
        };
    }

    private static List<JsonNode> runs(Path registry) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(registry.resolve("runs.jsonl"))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static String current(Path registry) throws IOException {
        return Files.readString(registry.resolve("current")).strip();
    }

    private static void assertComplete(Path registry, String version) {
        for (String f : List.of("model.zip", "metrics.json", "manifest.json")) {
            assertTrue(Files.isRegularFile(registry.resolve("versions").resolve(version).resolve(f)), version + "/" + f);
        }
    }

    @Test
    void firstRunPromotesAWarmStartFollowsAndAWorseChallengerIsKept() throws IOException {
        Path registry = tmp.resolve("registry");
        RetrainJob.Result first = retrain(registry);
        assertTrue(first.promoted(), first.reason());
        assertEquals("000001", first.version());
        assertTrue(first.challengerValidationAccuracy() > 0.9, "accuracy " + first.challengerValidationAccuracy());
        assertEquals("000001", current(registry));
        assertComplete(registry, "000001");
        JsonNode manifest = JSON.readTree(registry.resolve("versions/000001/manifest.json").toFile());
        assertEquals(first.runId(), manifest.get("run_id").asText());
        assertTrue(manifest.at("/data/train/images_sha256").asText().matches("[0-9a-f]{64}"), manifest.toString());
        assertTrue(manifest.get("promoted_by").asText().contains("@"));
        assertTrue(manifest.get("reason").asText().contains("first model"));
        assertTrue(manifest.at("/configuration/hidden").asText().equals("16"));

        // A tolerance of 0.99 promotes whatever the warm start reaches: the second version and the switch are definite.
        RetrainJob.Result second = retrain(registry, "tolerance", "0.99");
        assertEquals("000001", runs(registry).get(1).get("warm_start_from").asText(), "the second run warm-starts");
        assertTrue(second.promoted(), second.reason());
        assertEquals("000002", current(registry));
        assertComplete(registry, "000002");

        // A cold start on a sliver of the data at a tiny learning rate is far worse: rejected, current stays.
        String before = current(registry);
        RetrainJob.Result worse = retrain(registry, "cold-start", "true", "train-limit", "32", "epochs", "1",
                "learning-rate", "0.00001");
        assertFalse(worse.promoted(), worse.reason());
        assertTrue(worse.challengerValidationAccuracy() < worse.championValidationAccuracy().getAsDouble());
        assertEquals(before, current(registry));
        assertEquals(before, worse.version());

        List<JsonNode> runs = runs(registry);
        assertEquals(3, runs.size());
        assertEquals("promoted", runs.get(0).get("status").asText());
        assertEquals("kept", runs.get(2).get("status").asText());
        assertTrue(runs.get(2).get("reason").asText().contains("< champion"), runs.get(2).toString());
        assertEquals(worse.championValidationAccuracy().getAsDouble(),
                runs.get(2).get("champion_validation_accuracy").asDouble(), 0.0);
        assertTrue(runs.get(2).get("reason").asText().contains("validation accuracy"), runs.get(2).toString());
        assertTrue(runs.get(2).get("champion_test_accuracy").asDouble() > 0.9, runs.get(2).toString());
        assertEquals(100, runs.get(2).get("validation_examples").asInt());
        assertFalse(Files.exists(registry.resolve("lock")), "lock released");
        assertFalse(Files.exists(registry.resolve("runs").resolve(worse.runId()).resolve("checkpoint")),
                "checkpoints of a finished run are removed");
        assertNoLeftovers(registry);
    }

    @Test
    void aCrashDuringPublishLeavesCurrentOnTheCompleteVersion() throws IOException {
        Path registry = tmp.resolve("registry");
        retrain(registry);
        hooks = beforeCurrentSwitch(() -> {
            throw new IllegalStateException("simulated crash between publishing the version and switching current");
        });
        assertThrows(IllegalStateException.class, () -> retrain(registry, "tolerance", "0.99"));
        assertEquals("000001", current(registry));
        assertComplete(registry, "000001");
        assertComplete(registry, "000002"); // published, complete, but never made current
        List<JsonNode> runs = runs(registry);
        assertEquals("failed", runs.get(1).get("status").asText());
        assertEquals("000001", runs.get(1).get("current").asText());
        assertFalse(Files.exists(registry.resolve("lock")), "a failed run releases the lock");

        hooks = RetrainHooks.NONE;
        RetrainJob.Result later = retrain(registry, "tolerance", "0.5");
        assertTrue(later.promoted(), later.reason());
        assertEquals("000003", current(registry), "the half-switched 000002 is never reused");
        assertComplete(registry, "000003");
        assertNoLeftovers(registry);
    }

    @Test
    void aResumedRunEndsWhereAnUninterruptedOneDoes() throws IOException {
        Path straight = tmp.resolve("straight");
        retrain(straight, "epochs", "3");

        Path interrupted = tmp.resolve("interrupted");
        hooks = afterCheckpoint(epoch -> {
            if (epoch == 2) {
                throw new IllegalStateException("simulated driver crash after epoch 2");
            }
        });
        assertThrows(IllegalStateException.class, () -> retrain(interrupted, "epochs", "3"));
        hooks = RetrainHooks.NONE;
        String runId = runs(interrupted).get(0).get("run_id").asText();
        assertTrue(Files.isDirectory(interrupted.resolve("runs").resolve(runId).resolve("checkpoint/epoch-0002")));
        assertFalse(Files.exists(interrupted.resolve("current")));

        List<Integer> epochsTrained = new ArrayList<>();
        hooks = afterCheckpoint(epochsTrained::add);
        RetrainJob.Result resumed = retrain(interrupted, "epochs", "3", "resume", runId);
        assertEquals(List.of(3), epochsTrained, "only the missing epoch is trained");
        assertEquals(runId, resumed.runId());
        assertTrue(resumed.promoted());
        assertEquals("000001", current(interrupted));
        assertEquals(List.of("failed", "promoted"), runs(interrupted).stream().map(r -> r.get("status").asText()).toList());
        assertEquals(3, JSON.readTree(interrupted.resolve("versions/000001/metrics.json").toFile()).get("epochs").size());

        INDArray a = load(straight.resolve("versions/000001/model.zip")).params();
        INDArray b = load(interrupted.resolve("versions/000001/model.zip")).params();
        double maxDiff = a.sub(b).amaxNumber().doubleValue();
        assertTrue(maxDiff < 1e-4, "parameters of resumed vs uninterrupted run differ by up to " + maxDiff);
        double accA = JSON.readTree(straight.resolve("versions/000001/metrics.json").toFile()).get("test_accuracy").asDouble();
        assertEquals(accA, resumed.challengerTestAccuracy(), 0.01);
    }

    private static MultiLayerNetwork load(Path zip) throws IOException {
        return ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
    }

    /** No lock, temp, staging or work files survive a finished run. */
    private static void assertNoLeftovers(Path registry) throws IOException {
        try (Stream<Path> all = Files.walk(registry)) {
            List<String> left = all.map(p -> registry.relativize(p).toString())
                    .filter(n -> n.contains(".tmp-") || n.contains(".staging-") || n.contains(".work") || n.endsWith("lock"))
                    .toList();
            assertEquals(List.of(), left);
        }
    }
}
