package dev.sparknet.jobs;

import dev.sparknet.JobsCloseTheirContext;
import dev.sparknet.RealMnist;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.cli.JobSettings;
import dev.sparknet.config.EvaluateJobConfig;
import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.config.PredictJobConfig;
import dev.sparknet.data.MnistArrays;
import dev.sparknet.report.PlotsTest;
import dev.sparknet.report.Reports;
import dev.sparknet.training.TrainingListener;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `predict` against `evaluate` on the real MNIST test file, and on PNGs made from test images. Trains
 * a small model first (6,000 images, one epoch): agreement, not accuracy, is what is tested.
 */
@ExtendWith(JobsCloseTheirContext.class)
@Tag("slow") // over 20 s; `mvn -B test -DexcludedGroups=slow` leaves it out
class PredictJobSparkTest {
    @TempDir
    Path tmp;

    @Test
    void agreesWithEvaluateOnTheTestFileAndWithItselfOnPngs() throws IOException {
        Path mnist = RealMnist.required();
        Path run = tmp.resolve("run");
        MnistJob.run(MnistJobConfig.from(JobSettings.of("mnist", "data", mnist.toString(),
                "output", run.toString(), "master", "local[2]", "train-limit", "6000", "epochs", "1",
                "hidden", "64", "averaging-frequency", "5", "workers", "2")), TrainingListener.NONE);
        String model = run.resolve("model.zip").toString();
        for (String file : List.of(Reports.LEARNING_CURVES, Reports.CONFUSION_MATRIX, Reports.ERRORS, Reports.REPORT)) {
            // Kept for people to look at: what a (small) real run draws.
            Files.createDirectories(PlotsTest.SAMPLES);
            Files.copy(run.resolve(file), PlotsTest.SAMPLES.resolve("real_" + file), StandardCopyOption.REPLACE_EXISTING);
        }

        MetricsFile evaluated = EvaluateJob.run(EvaluateJobConfig.from(JobSettings.of("evaluate",
                "model", model, "data", mnist.toString(), "output", tmp.resolve("eval").toString(),
                "master", "local[2]", "workers", "2")));

        String testImages = mnist.resolve("t10k-images-idx3-ubyte.gz").toString();
        List<Prediction> predictions = PredictJob.run(PredictJobConfig.from(JobSettings.of(
                "predict", "model", model, "input", testImages, "output", tmp.resolve("pred-idx").toString(),
                "master", "local[2]", "workers", "2")));

        MnistArrays test = MnistArrays.read(testImages, mnist.resolve("t10k-labels-idx1-ubyte.gz").toString(),
                Integer.MAX_VALUE, new Configuration());
        List<String> csv = Files.readAllLines(tmp.resolve("pred-idx").resolve(PredictJob.PREDICTIONS_FILE));
        assertEquals("name,predicted,p0,p1,p2,p3,p4,p5,p6,p7,p8,p9", csv.get(0));
        assertEquals(10_000, csv.size() - 1, "one row per test image");
        int correct = 0;
        for (int i = 0; i < 10_000; i++) {
            String[] row = csv.get(i + 1).split(",");
            assertEquals(Integer.toString(i), row[0], "rows in file order, named by index");
            assertEquals(12, row.length);
            double sum = 0;
            for (int c = 0; c < 10; c++) {
                sum += Double.parseDouble(row[2 + c]);
            }
            assertEquals(1.0, sum, 1e-4, "probabilities of row " + i);
            if (Integer.parseInt(row[1]) == test.label(i)) {
                correct++;
            }
        }
        assertEquals(evaluated.testAccuracy(), correct / 10_000.0, 0.0,
                "predict's accuracy (from predictions.csv) must equal evaluate's exactly");

        // The first 100 test images as 28x28 grey PNGs, and the same digits drawn 3x larger, black on white.
        Path pngs = Files.createDirectory(tmp.resolve("pngs"));
        Path large = Files.createDirectory(tmp.resolve("large"));
        for (int i = 0; i < 100; i++) {
            ImageIO.write(image(test, i, 1, false), "png", pngs.resolve(String.format("test-%03d.png", i)).toFile());
            ImageIO.write(image(test, i, 3, true), "png", large.resolve(String.format("test-%03d.png", i)).toFile());
        }
        List<Prediction> fromPngs = PredictJob.run(PredictJobConfig.from(JobSettings.of(
                "predict", "model", model, "input", pngs.toString(), "output", tmp.resolve("pred-png").toString(),
                "master", "local[2]", "workers", "2")));
        assertEquals(100, fromPngs.size());
        List<Integer> expected = new ArrayList<>();
        List<Integer> actual = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            assertEquals(String.format("test-%03d.png", i), fromPngs.get(i).name());
            expected.add(predictions.get(i).predicted());
            actual.add(fromPngs.get(i).predicted());
        }
        assertEquals(expected, actual, "PNGs of test images must get the digits their IDX originals get");

        List<Prediction> fromLarge = PredictJob.run(PredictJobConfig.from(JobSettings.of(
                "predict", "model", model, "input", large.toString(), "output", tmp.resolve("pred-large").toString(),
                "master", "local[2]", "workers", "2")));
        int same = 0;
        int largeCorrect = 0;
        int originalCorrect = 0;
        for (int i = 0; i < 100; i++) {
            same += fromLarge.get(i).predicted() == predictions.get(i).predicted() ? 1 : 0;
            largeCorrect += fromLarge.get(i).predicted() == test.label(i) ? 1 : 0;
            originalCorrect += predictions.get(i).predicted() == test.label(i) ? 1 : 0;
        }
        // Re-normalising an 84x84 black-on-white drawing is close to MNIST's own processing, not identical,
        // and this quickly trained model is sensitive to it: the conversion must keep most digits and the accuracy.
        String summary = same + " of 100 agree; " + largeCorrect + " vs " + originalCorrect + " correct";
        assertTrue(same >= 85, "84x84 inverted copies: " + summary);
        assertTrue(largeCorrect >= originalCorrect - 6, "84x84 inverted copies: " + summary);
        MnistJobSparkTest.assertNothingHidden(tmp);
    }

    private static BufferedImage image(MnistArrays test, int index, int scale, boolean invert) {
        BufferedImage image = new BufferedImage(28 * scale, 28 * scale, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28 * scale; y++) {
            for (int x = 0; x < 28 * scale; x++) {
                int v = test.pixels()[index * 784 + (y / scale) * 28 + x / scale] & 0xff;
                image.getRaster().setSample(x, y, 0, invert ? 255 - v : v);
            }
        }
        return image;
    }
}
