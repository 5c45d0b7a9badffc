package dev.sparknet.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparknet.JobsCloseTheirContext;
import dev.sparknet.RealMnist;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.cli.JobSettings;
import dev.sparknet.config.EvaluateJobConfig;
import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.data.QuadrantDigits;
import dev.sparknet.training.TrainingListener;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The `mnist` and `evaluate` jobs end to end in Spark local mode: each job creates and closes its own
 * context, so this class must not share one (see {@link dev.sparknet.SparkTestContext} for the others).
 */
@ExtendWith(JobsCloseTheirContext.class)
@Tag("slow") // over 20 s; `mvn -B test -DexcludedGroups=slow` leaves it out
class MnistJobSparkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void learnsRealMnistAndTheSavedModelScoresTheSameOnReload() throws IOException {
        Path mnist = RealMnist.required();
        Path runs = Files.createDirectory(tmp.resolve("runs"));
        Path out = runs.resolve("mnist");
        List<Double> roundLosses = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onRound(int epoch, int done, int total, long examples, double seconds, double loss) {
                roundLosses.add(loss);
            }
        };

        MetricsFile metrics = MnistJob.run(MnistJobConfig.from(JobSettings.of("mnist",
                "data", mnist.toString(), "output", out.toString(), "master", "local[2]",
                "train-limit", "6000", "test-limit", "1000", "epochs", "2", "hidden", "128",
                "batch", "128", "averaging-frequency", "5", "workers", "2")), listener);

        double accuracy = metrics.testAccuracy();
        assertTrue(accuracy > 0.80, "test accuracy " + accuracy + " on real MNIST: did not learn (chance is 0.1)");
        assertEquals(1000L, metrics.testExamples());
        // 6000 examples / batch 128 = 47 batches, 2 workers x 5 = 10 per round: 5 rounds per epoch, 2 epochs
        assertEquals(10, roundLosses.size(), "averaging rounds reported: " + roundLosses);

        JsonNode json = JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals(accuracy, json.get("test_accuracy").asDouble(), 0.0, "metrics.json vs returned metrics");
        assertTrue(json.get("test_accuracy").isNumber());
        double total = json.get("total_seconds").asDouble();
        assertTrue(json.get("total_seconds").isNumber() && total > 0 && Double.isFinite(total), "total_seconds " + total);
        JsonNode epochs = json.get("epochs");
        assertTrue(epochs.isArray(), "epochs must be a list");
        assertEquals(2, epochs.size());
        for (int e = 0; e < 2; e++) {
            JsonNode row = epochs.get(e);
            assertEquals(e + 1, row.get("epoch").asInt());
            for (String key : List.of("train_loss", "test_accuracy", "seconds", "examples_per_second")) {
                assertTrue(row.hasNonNull(key) && row.get(key).isNumber(), "epochs[" + e + "]." + key + " in " + row);
            }
            double loss = row.get("train_loss").asDouble();
            assertTrue(loss > 0 && loss < Math.log(10), "epoch " + (e + 1) + " train loss " + loss
                    + " should be below the loss of guessing (ln 10)");
            double epochAccuracy = row.get("test_accuracy").asDouble();
            assertTrue(epochAccuracy >= 0 && epochAccuracy <= 1, "test_accuracy " + epochAccuracy);
            assertTrue(row.get("examples_per_second").asDouble() > 0);
        }
        assertEquals(accuracy, epochs.get(1).get("test_accuracy").asDouble(), 0.0,
                "final accuracy is the last epoch's");
        assertEquals(1000, json.at("/test/examples").asInt());
        assertEquals(6000, json.at("/provenance/data/train/examples_used").asInt());
        assertEquals(1000, json.at("/provenance/data/test/examples_used").asInt());
        assertTrue(Files.size(out.resolve("model.zip")) > 100_000, "model.zip (784-128-10 has ~100k parameters)");
        assertNothingHidden(runs);

        Path evalOut = runs.resolve("eval");
        MetricsFile evaluated = EvaluateJob.run(EvaluateJobConfig.from(JobSettings.of("evaluate",
                "model", out.resolve("model.zip").toString(), "data", mnist.toString(), "output", evalOut.toString(),
                "master", "local[2]", "test-limit", "1000", "workers", "2")));

        assertEquals(accuracy, evaluated.testAccuracy(), 0.0,
                "the reloaded model must score exactly what the training run reported");
        assertEquals(JSON.valueToTree(json.get("test").get("confusion_matrix")),
                JSON.readTree(evalOut.resolve("metrics.json").toFile()).at("/test/confusion_matrix"),
                "confusion matrix of the reloaded model");
        assertFalse(Files.exists(evalOut.resolve("model.zip")));
        assertNothingHidden(runs);
    }

    @Test
    void learnsSyntheticQuadrantsWithoutRealMnist() throws IOException {
        Path data = Files.createDirectory(tmp.resolve("quadrants"));
        QuadrantDigits.write(data, 400, 100, 4, 7);
        Path runs = Files.createDirectory(tmp.resolve("runs"));
        Path out = runs.resolve("synthetic");

        MetricsFile metrics = MnistJob.run(MnistJobConfig.from(JobSettings.of("mnist",
                "data", data.toString(), "output", out.toString(), "master", "local[2]",
                "epochs", "3", "hidden", "32", "batch", "32", "learning-rate", "0.01",
                "averaging-frequency", "2", "workers", "2")), TrainingListener.NONE);

        double accuracy = metrics.testAccuracy();
        assertTrue(accuracy > 0.9, "test accuracy " + accuracy + " on trivially separable quadrants (chance 0.25)");
        assertEquals(100L, metrics.testExamples());
        JsonNode json = JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals(3, json.get("epochs").size());
        // the default validation split holds out 8% of the 400 training images, chosen from the whole file
        assertEquals(368, json.at("/provenance/data/train/examples_used").asInt());
        assertEquals(32, json.at("/provenance/data/train/held_out/size").asInt());
        assertEquals(400, json.at("/provenance/data/train/held_out/out_of").asInt());
        assertTrue(json.at("/provenance/data/train/held_out/indices_sha256").asText().matches("[0-9a-f]{64}"));
        assertTrue(json.get("validation_accuracy").asDouble() > 0.9, json.toString());
        assertTrue(Files.isRegularFile(out.resolve("model.zip")));
        assertNothingHidden(runs);
    }

    /** No staging, work or replaced-output directory may survive a run beside the output. */
    static void assertNothingHidden(Path parent) throws IOException {
        try (Stream<Path> entries = Files.list(parent)) {
            List<String> hidden = entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
            assertEquals(List.of(), hidden, "left behind in " + parent);
        }
    }
}
