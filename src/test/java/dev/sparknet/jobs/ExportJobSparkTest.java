package dev.sparknet.jobs;

import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.cli.JobSettings;
import dev.sparknet.cli.Main;
import dev.sparknet.config.EvaluateJobConfig;
import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.data.ByteBatch;
import dev.sparknet.data.MnistArrays;
import dev.sparknet.data.MnistFiles;
import dev.sparknet.data.PixelScaling;
import dev.sparknet.export.OnnxRuntime;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.tools.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The two exports of a model trained on real MNIST (784-1568-10, one epoch), each read by a program that is
 * not ours, against what `evaluate` computes on all 10,000 test images: ONNX Runtime on model.onnx; a JVM
 * with DL4J alone on its classpath on the stock-DL4J model.zip.
 */
@Tag("slow") // over 20 s; `mvn -B test -DexcludedGroups=slow` leaves it out
class ExportJobSparkTest {
    static final Path MNIST = Path.of(System.getProperty("sparknet.mnist.dir", "../shared/datasets/mnist"));
    static final int BATCH = 500; // evaluate's scoring batch

    @TempDir
    static Path tmp;
    static Path model;
    static float[] features;
    static int[] labels;
    /** The trained network's own output (the probabilities evaluate takes its argmax of), per test image. */
    static float[][] expected;
    static MetricsFile evaluated;

    @BeforeAll
    static void trainAndEvaluate() {
        assumeTrue(Files.isRegularFile(MNIST.resolve("t10k-images-idx3-ubyte.gz")),
                "real MNIST not found at " + MNIST.toAbsolutePath() + "; skipped");
        Path run = tmp.resolve("run");
        MnistJob.run(MnistJobConfig.from(JobSettings.of("mnist", "data", MNIST.toString(), "output", run.toString(),
                "master", "local[2]", "epochs", "1", "test-limit", "1000")), dev.sparknet.training.TrainingListener.NONE);
        model = run.resolve(ModelStore.MODEL_FILE);
        evaluated = EvaluateJob.run(EvaluateJobConfig.from(JobSettings.of("evaluate", "model", model.toString(),
                "data", MNIST.toString(), "output", tmp.resolve("eval").toString(), "master", "local[2]")));

        Configuration conf = new Configuration();
        MnistArrays test = MnistArrays.read(MnistFiles.locateAndValidateTest(MNIST.toString(), conf), conf);
        int[] order = IntStream.range(0, test.count()).toArray();
        ByteBatch all = ByteBatch.of(test, order, 0, test.count(), 10);
        features = all.scaledFeatures();
        labels = IntStream.range(0, test.count()).map(all::label).toArray();
        MultiLayerNetwork network = ModelStore.load(model.toString(), conf);
        expected = new float[test.count()][];
        for (int start = 0; start < test.count(); start += BATCH) {
            int rows = Math.min(BATCH, test.count() - start);
            float[] x = Arrays.copyOfRange(features, start * 784, (start + rows) * 784);
            float[][] p = network.output(Nd4j.create(x, new long[] {rows, 784}, 'c')).toFloatMatrix();
            System.arraycopy(p, 0, expected, start, rows);
        }
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Compares probabilities image by image; returns {max |difference|, accuracy}. */
    private static double[] compare(String reader, float[][] actual) {
        assertEquals(expected.length, actual.length);
        double maxDiff = 0;
        int correct = 0;
        int disagreements = 0;
        for (int i = 0; i < actual.length; i++) {
            for (int c = 0; c < 10; c++) {
                maxDiff = Math.max(maxDiff, Math.abs(actual[i][c] - expected[i][c]));
            }
            disagreements += argmax(actual[i]) == argmax(expected[i]) ? 0 : 1;
            correct += argmax(actual[i]) == labels[i] ? 1 : 0;
        }
        double accuracy = (double) correct / actual.length;
        System.out.printf("%s: %d images, predicted class differs on %d, max |p - p_dl4j| = %.3g, accuracy %.2f%%"
                + " (evaluate: %.2f%%)%n", reader, actual.length, disagreements, maxDiff, 100 * accuracy,
                100 * evaluated.testAccuracy());
        assertEquals(0, disagreements, reader + ": predicted classes must all be the network's");
        assertEquals(evaluated.testAccuracy(), accuracy, 0.0, reader + " must score exactly what evaluate scores");
        return new double[] {maxDiff, accuracy};
    }

    private static int export(String format, Path output) {
        return Main.run(new String[] {"export", "--model", model.toString(), "--format", format, "--output", output.toString()});
    }

    @Test
    void onnxRuntimeGivesTheNetworksProbabilitiesOnAllTestImages() throws Exception {
        Path out = tmp.resolve("onnx");
        assertEquals(Main.OK, export("onnx", out));
        assertEquals(List.of("model.onnx"), Arrays.asList(out.toFile().list()));
        byte[] onnx = Files.readAllBytes(out.resolve("model.onnx"));
        long t0 = System.nanoTime();
        float[][] actual;
        try (OnnxRuntime runtime = new OnnxRuntime(onnx)) {
            actual = runtime.run(features, labels.length);
            Map<String, String> metadata = runtime.session().getMetadata().getCustomMetadata();
            assertEquals(PixelScaling.IN_WORDS + "; MNIST images are 28x28, row-major, white digit on black",
                    metadata.get("pixel_scaling"));
            assertEquals("784-1568-10", metadata.get("network"));
            assertTrue(metadata.get("training_provenance").contains("images_sha256"), metadata.get("training_provenance"));
        }
        System.out.printf("ONNX Runtime scored 10,000 images in %.2f s; model.onnx is %d bytes%n",
                (System.nanoTime() - t0) / 1e9, onnx.length);
        double[] r = compare("ONNX Runtime", actual);
        assertTrue(r[0] <= 1e-5, "probabilities differ by " + r[0]);
    }

    @Test
    void stockDl4jZipScoresTheSameInAJvmWithoutThisProjectsClasses() throws Exception {
        Path out = tmp.resolve("dl4j");
        assertEquals(Main.OK, export("dl4j", out));
        Path zip = out.resolve(ModelStore.MODEL_FILE);

        Path classes = Files.createDirectories(tmp.resolve("scorer-classes"));
        String classpath = dl4jOnlyClasspath();
        Path source = tmp.resolve("StockDl4jScorer.java");
        try (InputStream in = ExportJobSparkTest.class.getResourceAsStream("/stock-dl4j/StockDl4jScorer.java")) {
            Files.write(source, in.readAllBytes());
        }
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-cp", classpath, "-d", classes.toString(), source.toString()), "the scorer must compile against DL4J alone");

        Path scores = tmp.resolve("scores.bin");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", classes + File.pathSeparator + classpath, "StockDl4jScorer",
                zip.toString(), MNIST.resolve("t10k-images-idx3-ubyte.gz").toString(), scores.toString(), model.toString());
        Path log = tmp.resolve("scorer.log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the scorer did not finish");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        System.out.printf("stock DL4J JVM (%.1f s):%n%s", (System.nanoTime() - t0) / 1e9,
                output.lines().filter(l -> !l.contains("INFO") && !l.contains("WARN")).map(l -> "  " + l + "\n")
                        .reduce("", String::concat));
        assertTrue(output.contains("no sparknet classes on the classpath"), output);
        assertTrue(output.contains("other model: refused"), "the original model.zip needs our classes: " + output);

        float[][] actual;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(scores)))) {
            actual = new float[in.readInt()][in.readInt()];
            for (float[] row : actual) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = in.readFloat();
                }
            }
        }
        double[] r = compare("stock DL4J", actual);
        for (int i = 0; i < actual.length; i++) {
            assertArrayEquals(expected[i], actual[i], "image " + i + ": stock DL4J must compute the same floats");
        }
        assertEquals(0.0, r[0]);
    }

    /**
     * This JVM's test classpath without this project's classes (main and test), Spark, Hadoop, Scala, ONNX
     * Runtime and JUnit: DL4J 1.0.0-M2 with ND4J and their own dependencies.
     */
    static String dl4jOnlyClasspath() {
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> kept = new ArrayList<>();
        for (String entry : full.split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            boolean ours = e.endsWith("/target/classes") || e.endsWith("/target/test-classes") || e.contains("sparknet");
            boolean notDl4j = e.contains("/org/apache/spark/") || e.contains("/org/apache/hadoop/")
                    || e.contains("/org/scala-lang/") || e.contains("/com/microsoft/onnxruntime/")
                    || e.contains("/org/junit/") || e.contains("/surefire");
            if (!ours && !notDl4j && !e.isBlank()) {
                kept.add(entry);
            }
        }
        assertTrue(kept.stream().anyMatch(e -> e.contains("deeplearning4j-nn")), "no deeplearning4j-nn in " + full);
        assertFalse(kept.stream().anyMatch(e -> e.contains("spark-core")), String.join("\n", kept));
        return String.join(File.pathSeparator, kept);
    }
}
