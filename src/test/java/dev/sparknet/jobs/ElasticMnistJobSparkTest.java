package dev.sparknet.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.cli.JobSettings;
import dev.sparknet.config.EvaluateJobConfig;
import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.data.QuadrantDigits;
import dev.sparknet.training.TrainingListener;
import org.apache.spark.SparkContext$;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `mnist --augment elastic` end to end in Spark local mode: it trains on distorted images, records the
 * settings, draws augment.png, and scores the test split as stored: a fresh `evaluate` of the saved
 * model (which never distorts anything) gets exactly the run's test accuracy and confusion matrix.
 */
class ElasticMnistJobSparkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @AfterEach
    void noSparkContextLeftRunning() {
        assertFalse(SparkContext$.MODULE$.getActive().isDefined(), "the job left its SparkContext running");
    }

    @Test
    void trainsOnDistortionsAndScoresTheTestSplitUntouched() throws IOException {
        Path data = Files.createDirectory(tmp.resolve("quadrants"));
        QuadrantDigits.write(data, 400, 100, 4, 7);
        Path out = tmp.resolve("elastic");
        List<Integer> batchesPerEpoch = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onRound(int epoch, int done, int total, long examples, double seconds, double loss) {
                if (done == total) {
                    batchesPerEpoch.add(total);
                }
            }
        };

        // 600 examples per epoch: one pass over the 400 images (13 minibatches of 32), then 200 more (7)
        MetricsFile metrics = MnistJob.run(MnistJobConfig.from(JobSettings.of("mnist",
                "data", data.toString(), "output", out.toString(), "master", "local[2]",
                "epochs", "2", "hidden", "32", "batch", "32", "learning-rate", "0.01",
                "averaging-frequency", "2", "workers", "2", "augment", "elastic", "epoch-examples", "600",
                "lr-schedule", "cosine", "lr-decay", "1")), listener);

        assertEquals(List.of(20, 20), batchesPerEpoch, "minibatches trained per epoch");
        double accuracy = metrics.testAccuracy();
        assertTrue(accuracy > 0.8, "test accuracy " + accuracy + " on quadrants learned from distortions (chance 0.25)");
        JsonNode json = JSON.readTree(out.resolve("metrics.json").toFile());
        JsonNode augmentation = json.get("augmentation");
        assertEquals("elastic", augmentation.get("augment").asText());
        assertEquals(34, augmentation.at("/elastic/alpha").asDouble());
        assertEquals(4, augmentation.at("/elastic/sigma").asDouble());
        assertEquals(12, augmentation.at("/elastic/rotation_degrees").asDouble());
        assertEquals(600, augmentation.get("epoch_examples").asInt());
        assertEquals("elastic", json.at("/provenance/settings/augment").asText());
        BufferedImage preview = ImageIO.read(out.resolve("augment.png").toFile());
        assertNotNull(preview, "augment.png is a PNG");
        assertTrue(preview.getWidth() > 400 && preview.getHeight() > 400, "augment.png " + preview.getWidth() + "x" + preview.getHeight());

        MetricsFile evaluated = EvaluateJob.run(EvaluateJobConfig.from(JobSettings.of("evaluate",
                "model", out.resolve("model.zip").toString(), "data", data.toString(),
                "output", tmp.resolve("eval").toString(), "master", "local[2]", "workers", "2")));
        assertEquals(accuracy, evaluated.testAccuracy(), 0.0,
                "evaluate (no augmentation anywhere) scores what the elastic run reported: its test split was not distorted");
        assertEquals(json.at("/test/confusion_matrix"),
                JSON.readTree(tmp.resolve("eval").resolve("metrics.json").toFile()).at("/test/confusion_matrix"));
    }

    @Test
    void withoutAugmentationThereIsNoPreviewAndTheSettingsSayNone() throws IOException {
        Path data = Files.createDirectory(tmp.resolve("quadrants"));
        QuadrantDigits.write(data, 200, 50, 4, 3);
        Path out = tmp.resolve("plain");
        MnistJob.run(MnistJobConfig.from(JobSettings.of("mnist",
                "data", data.toString(), "output", out.toString(), "master", "local[2]",
                "epochs", "1", "hidden", "16", "batch", "32", "averaging-frequency", "2", "workers", "2")),
                TrainingListener.NONE);
        JsonNode json = JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals("none", json.at("/augmentation/augment").asText());
        assertEquals(184, json.at("/augmentation/epoch_examples").asInt(), "200 less the 8% validation split");
        assertFalse(Files.exists(out.resolve("augment.png")));
    }
}
