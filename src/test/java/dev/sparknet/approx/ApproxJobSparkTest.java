package dev.sparknet.approx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparknet.JobsCloseTheirContext;
import dev.sparknet.artifacts.Json;
import dev.sparknet.cli.JobSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The `approx` job end to end in Spark local mode: a short run must learn the default cubic, score it
 * inside and outside the training range and publish readable artifacts. The job creates and closes its
 * own context, so this class does not share one.
 */
@ExtendWith(JobsCloseTheirContext.class)
class ApproxJobSparkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path tmp;

    @Test
    void shortRunLearnsTheCubicInRangeAndPublishesMetricsCurveAndPlot() throws IOException {
        Path out = tmp.resolve("approx");
        ApproxMetrics metrics = ApproxJob.run(ApproxJobConfig.from(JobSettings.of("approx",
                "output", out.toString(), "master", "local[2]", "workers", "2", "epochs", "4", "samples", "8192",
                "restarts", "2", "averaging-frequency", "64")));

        double variance = metrics.targetVarianceInRange();
        double mseIn = metrics.mseInRange();
        double mseOut = metrics.mseOutOfRange();
        assertEquals(2046.0, variance, 1.0, "closed-form variance of x^3 + x^2 - x - 1 on [-5, 5]");
        assertTrue(mseIn < 0.05 * variance, "mse_in_range " + mseIn + " is not well below the target variance " + variance);
        assertTrue(mseOut > mseIn, "mse_out_of_range " + mseOut + " should exceed mse_in_range " + mseIn);

        String text = Files.readString(out.resolve("metrics.json"));
        assertEquals(metrics, Json.read(text, ApproxMetrics.class, "metrics.json"), "metrics.json reads back as written");
        JsonNode json = JSON.readTree(text);
        assertEquals(List.of("mse_in_range", "mse_out_of_range", "target_variance_in_range", "target", "coefficients",
                "range", "out_of_range", "network", "best_restart", "restarts", "screening", "epochs_note", "epochs",
                "first_layer", "standardization", "total_seconds", "training_seconds", "data", "provenance"),
                fieldNames(json), "metrics.json's documented keys, in order");
        assertEquals(List.of("epoch", "learning_rate", "train_loss", "train_mse", "validation_mse", "seconds",
                "averaging_rounds"), fieldNames(json.get("epochs").get(0)));
        assertEquals(List.of("restart", "seed", "epochs_trained", "validation_mse", "seconds"),
                fieldNames(json.get("restarts").get(0)), "no failure key for a restart that did not diverge");
        assertEquals(List.of("x_mean", "x_std", "y_mean", "y_std"), fieldNames(json.get("standardization")));
        assertEquals(List.of("units", "weights", "biases", "kinks_x"), fieldNames(json.get("first_layer")));
        assertEquals(List.of("generator", "seed", "train_samples", "validation_samples", "test_samples_in_range",
                "test_samples_out_of_range"), fieldNames(json.get("data")));
        assertEquals(0, json.get("provenance").get("data").size(), "the samples are described in data, not provenance");
        assertEquals(mseIn, json.get("mse_in_range").asDouble(), 1e-9);
        assertEquals(4, json.get("epochs").size());
        for (JsonNode epoch : json.get("epochs")) {
            assertTrue(epoch.get("train_loss").isNumber() && epoch.get("seconds").isNumber(), epoch.toString());
        }
        assertEquals(2, json.get("restarts").size());
        assertEquals(6, json.get("first_layer").get("weights").size());
        assertEquals(6, json.get("first_layer").get("biases").size());
        assertEquals("[[-7.0,-5.0],[5.0,7.0]]", json.get("out_of_range").toString());
        assertEquals("[1.0,1.0,-1.0,-1.0]", json.get("coefficients").toString());

        List<String> curve = Files.readAllLines(out.resolve("curve.csv"));
        assertEquals("x,target,prediction", curve.get(0));
        assertEquals(702, curve.size(), "header and 701 points over [-7, 7]");
        String[] first = curve.get(1).split(",");
        assertEquals(-7.0, Double.parseDouble(first[0]), 1e-9);
        assertEquals(-288.0, Double.parseDouble(first[1]), 1e-6, "target at x = -7");

        byte[] png = Files.readAllBytes(out.resolve("fit.png"));
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8), "fit.png does not start with the PNG signature");
        assertTrue(png.length > 10_000, "fit.png is only " + png.length + " bytes");
        BufferedImage image = ImageIO.read(out.resolve("fit.png").toFile());
        assertNotNull(image, "fit.png does not decode");
        assertTrue(image.getWidth() >= 600 && image.getHeight() >= 400, image.getWidth() + "x" + image.getHeight());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(out), files.toList(), "only the published directory is left");
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
