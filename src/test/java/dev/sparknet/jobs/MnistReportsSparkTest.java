package dev.sparknet.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparknet.JobsCloseTheirContext;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.cli.JobSettings;
import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.data.QuadrantDigits;
import dev.sparknet.report.Chromium;
import dev.sparknet.report.HtmlReportBrowserTest;
import dev.sparknet.report.PlotsTest;
import dev.sparknet.report.Reports;
import dev.sparknet.training.ConsoleProgress;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short `mnist` run on synthetic data (no real MNIST needed): the live progress line, the three
 * plots, report.html in a browser, and the model's provenance readable without loading it.
 */
@ExtendWith(JobsCloseTheirContext.class)
class MnistReportsSparkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void shortRunShowsProgressAndLeavesPlotsReportAndProvenance() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("quadrants"));
        QuadrantDigits.write(data, 400, 100, 4, 7);
        Path out = tmp.resolve("run");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        MetricsFile metrics = MnistJob.run(MnistJobConfig.from(JobSettings.of("mnist",
                "data", data.toString(), "output", out.toString(), "master", "local[2]",
                "epochs", "3", "hidden", "32", "batch", "32", "learning-rate", "0.01",
                "averaging-frequency", "2", "workers", "2")),
                ConsoleProgress.live(3, new PrintStream(console, true, StandardCharsets.UTF_8)));

        // 400 examples less the 8% validation split = 368 / 32 = 12 batches; 2 workers x 2 = 4 per round:
        // 3 rounds per epoch.
        String progress = console.toString(StandardCharsets.UTF_8);
        List<String> lines = Arrays.asList(progress.split("\n"));
        assertEquals(3, lines.size(), "one line per epoch, each rewritten in place: " + progress);
        for (int e = 1; e <= 3; e++) {
            String line = lines.get(e - 1);
            assertEquals(3, line.split("\r", -1).length - 1, "rewrites of epoch " + e + ": " + line);
            assertTrue(line.matches("(?s)\\repoch " + e + "/3  batches 4/12 .*\\repoch " + e
                    + "/3  batches 12/12  \\d+ examples/s  loss \\d+\\.\\d{4}  \\d+s left\\s*"), line);
        }
        assertTrue(lines.get(2).trim().endsWith(" 0s left"), "nothing left at the end: " + lines.get(2));

        for (String png : List.of(Reports.LEARNING_CURVES, Reports.CONFUSION_MATRIX)) {
            PlotsTest.assertHasContent(PlotsTest.decode(Files.readAllBytes(out.resolve(png)), "synthetic_" + png), png);
        }
        // The quadrants are easy: the grid may well say "no mistakes" and show no digits.
        assertTrue(PlotsTest.decode(Files.readAllBytes(out.resolve(Reports.ERRORS)), "synthetic_errors.png").getWidth() >= 600);
        Path report = out.resolve(Reports.REPORT);
        String accuracy = String.format("%.2f%%", 100 * metrics.testAccuracy());
        assertTrue(Files.readString(report).contains(accuracy));
        if (Chromium.binary() != null) {
            HtmlReportBrowserTest.assertRendersInBrowser(report, accuracy, tmp,
                    PlotsTest.SAMPLES.resolve("synthetic_report_screenshot.png"));
        }

        Path model = out.resolve(ModelStore.MODEL_FILE);
        JsonNode provenance = JSON.readTree(ModelStore.describe(model.toString(), new Configuration()));
        assertEquals(metrics.testAccuracy(), provenance.get("test_accuracy").asDouble(), 0.0);
        assertEquals("32", provenance.at("/provenance/settings/hidden").asText());
        assertEquals(64, provenance.at("/provenance/data/train/images_sha256").asText().length());
        assertTrue(provenance.at("/provenance/code_version").isTextual());
        assertEquals(3, provenance.get("epochs").size());
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), true);
        assertEquals(784L * 32 + 32 + 32 * 4 + 4, restored.numParams(), "DL4J still loads the model (four quadrant classes, four outputs)");
        assertTrue(restored.getUpdater().getStateViewArray() != null, "with its updater state");
    }
}
