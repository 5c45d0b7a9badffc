package dev.sparknet.report;

import dev.sparknet.artifacts.EpochRow;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.evaluation.ClassificationMetrics;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every plot is a valid PNG of a readable size; copies land in target/report-samples for people to look at. */
public class PlotsTest {
    public static final Path SAMPLES = Path.of("target", "report-samples");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    public static BufferedImage decode(byte[] png, String name) throws IOException {
        assertTrue(png.length > 2000, name + ": only " + png.length + " bytes");
        byte[] head = new byte[8];
        System.arraycopy(png, 0, head, 0, 8);
        assertArrayEquals(PNG_SIGNATURE, head, name + " is not a PNG");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, name + " does not decode");
        Files.createDirectories(SAMPLES);
        Files.write(SAMPLES.resolve(name), png);
        return image;
    }

    /** Not one flat colour: a plot with nothing drawn on it would pass the size checks. */
    public static void assertHasContent(BufferedImage image, String name) {
        int first = image.getRGB(0, 0);
        int different = 0;
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                if (image.getRGB(x, y) != first) {
                    different++;
                }
            }
        }
        assertTrue(different > 500, name + " is nearly blank (" + different + " sampled pixels differ)");
    }

    @Test
    void learningCurvesWithAValidationSplitDrawBothAccuracies() throws IOException {
        List<EpochRow> rows = ReportSamples.epochs(8, 0.96).stream().map(e -> new EpochRow(e.epoch(), e.trainLoss(),
                e.testAccuracy(), e.seconds(), e.examplesPerSecond(), 5, e.testAccuracy() - 0.004)).toList();
        byte[] plain = LearningCurvesPlot.png(Map.of("distributed", ReportSamples.epochs(8, 0.96)));
        byte[] png = LearningCurvesPlot.png(Map.of("distributed", rows));
        assertHasContent(decode(png, "learning_curves_validation.png"), "learning curves with validation");
        assertTrue(!java.util.Arrays.equals(plain, png), "the validation line is drawn");
        MetricsFile metrics = ReportSamples.metrics(ReportSamples.confusion());
        metrics = new MetricsFile(metrics.testAccuracy(), metrics.testExamples(), null, null, metrics.totalSeconds(),
                rows, metrics.test(), metrics.provenance(), null, null).withValidation(0.9795, 6);
        String html = HtmlReport.render("t", metrics, Map.of("learning_curves.png", png));
        assertTrue(html.contains("Parameters of epoch 6 of 8, the best on the validation split"), html);
        assertTrue(html.contains("<th>validation accuracy</th>"));
        assertTrue(html.contains("<span id=\"validation\">97.95%</span>"));
    }

    @Test
    void learningCurves() throws IOException {
        BufferedImage image = decode(LearningCurvesPlot.png(Map.of("distributed", ReportSamples.epochs(6, 0.965))),
                "learning_curves.png");
        assertEquals(LearningCurvesPlot.WIDTH, image.getWidth());
        assertEquals(LearningCurvesPlot.HEIGHT, image.getHeight());
        assertHasContent(image, "learning curves");
    }

    @Test
    void learningCurvesComparingRunsAndASingleEpoch() throws IOException {
        Map<String, List<EpochRow>> runs = new LinkedHashMap<>();
        runs.put("single JVM", ReportSamples.epochs(6, 0.95));
        runs.put("distributed", ReportSamples.epochs(6, 0.965));
        assertHasContent(decode(LearningCurvesPlot.png(runs), "learning_curves_bench.png"), "bench curves");
        assertHasContent(decode(LearningCurvesPlot.png(Map.of("distributed", ReportSamples.epochs(1, 0.9))),
                "learning_curves_one_epoch.png"), "one epoch");
    }

    @Test
    void confusionMatrix() throws IOException {
        ClassificationMetrics metrics = ReportSamples.confusion();
        BufferedImage image = decode(ConfusionMatrixPlot.png(metrics), "confusion_matrix.png");
        assertTrue(image.getWidth() >= 600 && image.getWidth() <= 1600, "width " + image.getWidth());
        assertTrue(image.getHeight() >= 600 && image.getHeight() <= 1600, "height " + image.getHeight());
        assertHasContent(image, "confusion matrix");
        // Four classes (the synthetic test data) still draw.
        decode(ConfusionMatrixPlot.png(new ClassificationMetrics(new long[][]{{5, 1, 0, 0}, {0, 6, 0, 0},
                {0, 0, 7, 0}, {2, 0, 0, 4}})), "confusion_matrix_4.png");
    }

    @Test
    void errorGrid() throws IOException {
        BufferedImage image = decode(ErrorGridPlot.png(ReportSamples.errors(36), 167, 10000), "errors.png");
        assertTrue(image.getWidth() >= 600 && image.getWidth() <= 1600, "width " + image.getWidth());
        assertTrue(image.getHeight() >= 400 && image.getHeight() <= 1600, "height " + image.getHeight());
        assertHasContent(image, "error grid");
        assertTrue(decode(ErrorGridPlot.png(List.of(), 0, 100), "errors_none.png").getWidth() >= 700);
    }
}
