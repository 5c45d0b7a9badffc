package dev.sparknet.report;

import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.evaluation.ClassificationMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** report.html as a person sees it: rendered by a real headless browser. */
public class HtmlReportBrowserTest {
    @TempDir
    Path tmp;

    static Map<String, byte[]> plots(ClassificationMetrics test, MetricsFile metrics) {
        Map<String, byte[]> plots = new LinkedHashMap<>();
        plots.put(Reports.LEARNING_CURVES, LearningCurvesPlot.png(Map.of("distributed", metrics.epochs())));
        plots.put(Reports.CONFUSION_MATRIX, ConfusionMatrixPlot.png(test));
        plots.put(Reports.ERRORS, ErrorGridPlot.png(ReportSamples.errors(36), 89, 10000));
        return plots;
    }

    @Test
    void pageIsSelfContainedAndEscaped() {
        ClassificationMetrics test = ReportSamples.confusion();
        String html = HtmlReport.render("a <b> & c", ReportSamples.metrics(test), plots(test, ReportSamples.metrics(test)));
        assertTrue(html.contains("<title>a &lt;b&gt; &amp; c</title>"));
        assertFalse(html.matches("(?s).*(src|href)=\"(http|//|file:).*"), "nothing fetched from elsewhere");
        assertEquals(3, html.split("src=\"data:image/png;base64,", -1).length - 1);
        assertTrue(html.contains(String.format("%.2f%%", 100 * test.accuracy())));
        assertTrue(html.contains("8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"), "data checksum");
    }

    @Test
    void rendersInHeadlessChromiumWithEveryPlotLoaded() throws Exception {
        assumeTrue(Chromium.binary() != null, "chromium not installed (apt-get install -y chromium); browser check skipped");
        ClassificationMetrics test = ReportSamples.confusion();
        MetricsFile metrics = ReportSamples.metrics(test);
        Path page = tmp.resolve("report.html");
        Files.writeString(page, HtmlReport.render("sparknet mnist", metrics, plots(test, metrics)), StandardCharsets.UTF_8);
        assertRendersInBrowser(page, String.format("%.2f%%", 100 * test.accuracy()), tmp,
                PlotsTest.SAMPLES.resolve("report_screenshot.png"));
    }

    /** Screenshot and DOM of {@code page}: the accuracy shows, all images decoded, the screenshot is not blank. */
    public static void assertRendersInBrowser(Path page, String accuracyText, Path tmp, Path screenshot) throws Exception {
        Files.createDirectories(screenshot.toAbsolutePath().getParent());
        Files.deleteIfExists(screenshot);
        Chromium.run(page, Files.createTempDirectory(tmp, "profile"), "--screenshot=" + screenshot.toAbsolutePath());
        assertTrue(Files.isRegularFile(screenshot), "chromium wrote no screenshot");
        BufferedImage shot = ImageIO.read(screenshot.toFile());
        assertNotNull(shot, "screenshot is not an image");
        assertEquals(1200, shot.getWidth());
        PlotsTest.assertHasContent(shot, "screenshot");

        String dom = Chromium.run(page, Files.createTempDirectory(tmp, "profile"), "--dump-dom");
        assertTrue(dom.contains("<span class=\"headline\" id=\"accuracy\">" + accuracyText + "</span>"),
                "rendered page does not show the accuracy " + accuracyText);
        Matcher loaded = Pattern.compile("data-images-loaded=\"(\\d+)/(\\d+)\"").matcher(dom);
        assertTrue(loaded.find(), "the page's load script did not run (no data-images-loaded on <body>)");
        assertEquals("3", loaded.group(2), "images on the page");
        assertEquals(loaded.group(2), loaded.group(1), "images that decoded (naturalWidth > 0)");
    }

    @Test
    void aBrokenImageIsCaught() throws Exception {
        assumeTrue(Chromium.binary() != null, "chromium not installed; skipped");
        Path page = tmp.resolve("broken.html");
        Files.writeString(page, HtmlReport.render("broken", ReportSamples.metrics(ReportSamples.confusion()),
                Map.of("a.png", new byte[]{1, 2, 3})), StandardCharsets.UTF_8);
        String dom = Chromium.run(page, Files.createTempDirectory(tmp, "profile"), "--dump-dom");
        assertTrue(dom.contains("data-images-loaded=\"0/1\""), "the check must notice an image that does not decode");
    }
}
