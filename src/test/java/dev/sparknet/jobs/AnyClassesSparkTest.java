package dev.sparknet.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparknet.JobsCloseTheirContext;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.cli.JobSettings;
import dev.sparknet.cli.Main;
import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.config.PredictJobConfig;
import dev.sparknet.data.QuadrantDigits;
import dev.sparknet.report.Reports;
import dev.sparknet.training.TrainingListener;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * K, the number of classes, comes from the data end to end: `mnist` on three quadrant classes trains a
 * three-output network and reports a 3x3 confusion matrix; `evaluate` refuses a model with fewer outputs
 * than the test labels need in one line with exit 2.
 */
@ExtendWith(JobsCloseTheirContext.class)
@Tag("slow")
class AnyClassesSparkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void threeClassesTrainAThreeOutputNetworkAndEvaluateRefusesFourClassData() throws IOException {
        Path data = Files.createDirectory(tmp.resolve("three"));
        QuadrantDigits.write(data, 300, 60, 3, 11);
        Path out = tmp.resolve("run");

        MetricsFile metrics = MnistJob.run(MnistJobConfig.from(JobSettings.of("mnist",
                "data", data.toString(), "output", out.toString(), "master", "local[2]",
                "epochs", "2", "hidden", "16", "batch", "32", "learning-rate", "0.01",
                "averaging-frequency", "2", "workers", "2")), TrainingListener.NONE);

        MultiLayerNetwork model = ModelStore.load(out.resolve(ModelStore.MODEL_FILE).toString(), new Configuration());
        assertEquals(3, model.layerSize(model.getnLayers() - 1), "outputs of the trained network");
        assertEquals(28 * 28, model.layerInputSize(0));
        JsonNode confusion = JSON.readTree(out.resolve("metrics.json").toFile()).at("/test/confusion_matrix");
        assertEquals(3, confusion.size(), confusion.toString());
        long total = 0;
        for (JsonNode row : confusion) {
            assertEquals(3, row.size(), confusion.toString());
            for (JsonNode cell : row) {
                total += cell.asLong();
            }
        }
        assertEquals(60, total);
        assertEquals(60L, metrics.testExamples());
        assertTrue(metrics.testAccuracy() > 0.9, "accuracy " + metrics.testAccuracy() + " (chance 0.33)");
        assertTrue(Files.size(out.resolve(Reports.CONFUSION_MATRIX)) > 0);

        Path four = Files.createDirectory(tmp.resolve("four"));
        QuadrantDigits.write(four, 40, 40, 4, 12);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = Main.run(new String[]{"evaluate", "--model", out.resolve(ModelStore.MODEL_FILE).toString(),
                    "--data", four.toString(), "--output", tmp.resolve("eval").toString(), "--master", "local[2]"});
        } finally {
            System.setErr(saved);
        }
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(Main.BAD_INPUT, code, message);
        String line = message.lines().filter(l -> l.startsWith("sparknet evaluate:")).findFirst().orElse(message);
        assertTrue(line.contains("gives 3 classes") && line.contains("labels 0..3"), line);
        assertTrue(line.contains("t10k-labels"), line);
        assertTrue(Files.notExists(tmp.resolve("eval")), "nothing published");
    }

    @Test
    void imagesOfTwelveByTenTrainA120InputNetworkWithItsReportsAndPredictReadsThem() throws IOException {
        Path data = Files.createDirectory(tmp.resolve("twelve-by-ten"));
        dev.sparknet.data.IdxTestFiles.writeDataset(data, 400, 50, 12, 10, true);
        Path out = tmp.resolve("run-12x10");
        MetricsFile metrics = MnistJob.run(MnistJobConfig.from(JobSettings.of("mnist",
                "data", data.toString(), "output", out.toString(), "master", "local[2]",
                "epochs", "1", "hidden", "16", "batch", "32", "validation", "0", "patience", "0", "lr-schedule", "exponential",
                "averaging-frequency", "2", "workers", "2")), TrainingListener.NONE);
        MultiLayerNetwork model = ModelStore.load(out.resolve(ModelStore.MODEL_FILE).toString(), new Configuration());
        assertEquals(12 * 10, model.layerInputSize(0));
        assertEquals(10, model.layerSize(model.getnLayers() - 1));
        assertEquals(50L, metrics.testExamples());
        for (String file : List.of(Reports.CONFUSION_MATRIX, Reports.ERRORS, Reports.REPORT)) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }

        Path predicted = tmp.resolve("pred-12x10");
        List<Prediction> predictions = PredictJob.run(PredictJobConfig.from(JobSettings.of("predict",
                "model", out.resolve(ModelStore.MODEL_FILE).toString(),
                "input", data.resolve("t10k-images-idx3-ubyte.gz").toString(), "output", predicted.toString(),
                "master", "local[2]", "workers", "2")));
        assertEquals(50, predictions.size());
        assertEquals("name,predicted,p0,p1,p2,p3,p4,p5,p6,p7,p8,p9",
                Files.readAllLines(predicted.resolve(PredictJob.PREDICTIONS_FILE)).get(0));
    }
}
