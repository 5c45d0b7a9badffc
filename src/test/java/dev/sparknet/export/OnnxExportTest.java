package dev.sparknet.export;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo;
import dev.sparknet.BadInputException;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.model.NetworkFactory;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ONNX written by our code, read back by ONNX Runtime (and by the onnx package's checker where installed). */
class OnnxExportTest {
    @TempDir
    Path tmp;

    private static float[] randomInputs(int rows, int cols, long seed) {
        Random random = new Random(seed);
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(256) / 255f;
        }
        return x;
    }

    /** ONNX Runtime's output minus DL4J's, largest absolute difference. */
    private static double maxDifference(MultiLayerNetwork network, byte[] onnx, int rows) throws Exception {
        int cols = (int) network.layerInputSize(0);
        float[] x = randomInputs(rows, cols, 7);
        float[][] expected = network.output(Nd4j.create(x, new long[] {rows, cols}, 'c')).toFloatMatrix();
        try (OnnxRuntime runtime = new OnnxRuntime(onnx)) {
            float[][] actual = runtime.run(x, rows);
            assertEquals(rows, actual.length);
            double max = 0;
            for (int r = 0; r < rows; r++) {
                assertEquals(expected[r].length, actual[r].length);
                for (int c = 0; c < actual[r].length; c++) {
                    max = Math.max(max, Math.abs(expected[r][c] - actual[r][c]));
                }
            }
            return max;
        }
    }

    private static MultiLayerNetwork mnistShaped(List<Integer> hidden) {
        return NetworkFactory.create(new MlpSpec(784, hidden, 10, MlpSpec.Head.SOFTMAX_CROSS_ENTROPY, 0.01, 3));
    }

    @Test
    void classifierRunsInOnnxRuntimeWithTheNetworksProbabilities() throws Exception {
        MultiLayerNetwork network = mnistShaped(List.of(64));
        byte[] onnx = OnnxExport.write(network, "m.zip", "test", Map.of("pixel_scaling", "p / 255"));
        double diff = maxDifference(network, onnx, 300);
        System.out.println("784-64-10: max |ONNX Runtime - DL4J| = " + diff);
        assertTrue(diff < 1e-6, "max difference " + diff);
        try (OnnxRuntime runtime = new OnnxRuntime(onnx)) {
            NodeInfo input = runtime.session().getInputInfo().get("pixels");
            assertArrayEquals(new long[] {-1, 784}, ((TensorInfo) input.getInfo()).getShape());
            assertEquals("probabilities", runtime.session().getOutputNames().iterator().next());
            assertEquals("p / 255", runtime.session().getMetadata().getCustomMetadata().get("pixel_scaling"));
            assertEquals("sparknet", runtime.session().getMetadata().getProducerName());
        }
    }

    @Test
    void twoHiddenLayersAndARegressionHead() throws Exception {
        MultiLayerNetwork deep = mnistShaped(List.of(40, 30));
        assertTrue(maxDifference(deep, OnnxExport.write(deep, "m.zip", "test", Map.of()), 50) < 1e-6);
        MultiLayerNetwork regressor = NetworkFactory.create(new MlpSpec(1, List.of(6), 1, MlpSpec.Head.IDENTITY_MSE, 0.01, 5));
        byte[] onnx = OnnxExport.write(regressor, "r.zip", "test", Map.of());
        assertTrue(maxDifference(regressor, onnx, 50) < 1e-6);
        assertEquals(List.of("Gemm", "Relu", "Gemm"), OnnxSummary.of(onnx).operators());
    }

    @Test
    void stockLayersWithoutBiasAndOtherActivations() throws Exception {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(12).activation(Activation.TANH).hasBias(false).build())
                .layer(new DenseLayer.Builder().nIn(12).nOut(8).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        network.init();
        byte[] onnx = OnnxExport.write(network, "s.zip", "test", Map.of());
        assertTrue(maxDifference(network, onnx, 40) < 1e-6);
        assertEquals(List.of("Gemm", "Tanh", "Gemm", "Sigmoid", "Gemm", "Softmax"), OnnxSummary.of(onnx).operators());
    }

    @Test
    void unsupportedActivationIsRefusedNamingTheModelAndLayer() {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.LEAKYRELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        network.init();
        BadInputException e = assertThrows(BadInputException.class,
                () -> OnnxExport.write(network, "leaky.zip", "test", Map.of()));
        assertTrue(e.getMessage().startsWith("--model leaky.zip: cannot export: layer 0 (DenseLayer) has activation"),
                e.getMessage());
    }

    @Test
    void summaryDescribesWhatWasWritten() {
        byte[] onnx = OnnxExport.write(mnistShaped(List.of(32)), "m.zip", "0.1.0", Map.of("network", "784-32-10"));
        OnnxSummary s = OnnxSummary.of(onnx);
        assertEquals(8L, s.irVersion());
        assertEquals(Map.of("ai.onnx", 17L), s.opsets());
        assertEquals("sparknet 0.1.0", s.producer());
        assertEquals(List.of(new OnnxSummary.Value("pixels", "float32", List.of("N", 784L))), s.inputs());
        assertEquals(List.of(new OnnxSummary.Value("probabilities", "float32", List.of("N", 10L))), s.outputs());
        assertEquals(List.of("Gemm", "Relu", "Gemm", "Softmax"), s.operators());
        assertEquals(784L * 32 + 32 + 32 * 10 + 10, s.parameters());
        assertEquals("784-32-10", s.metadata().get("network"));
    }

    @Test
    void summaryRefusesBytesThatAreNotOnnx() {
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        assertThrows(IllegalArgumentException.class, () -> OnnxSummary.of(noise));
        assertThrows(IllegalArgumentException.class, () -> OnnxSummary.of("hello, world\n".getBytes(StandardCharsets.UTF_8)));
        byte[] onnx = OnnxExport.write(mnistShaped(List.of(8)), "m.zip", "t", Map.of());
        assertThrows(IllegalArgumentException.class, () -> OnnxSummary.of(java.util.Arrays.copyOf(onnx, onnx.length / 2)));
    }

    /** The reference checker of the onnx package (Debian python3-onnx), when this machine has it. */
    @Test
    void onnxCheckerAcceptsTheModel() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3: onnx.checker not run");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import onnx").redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "python3 has no onnx package (apt-get install python3-onnx): onnx.checker not run");
        Path model = tmp.resolve("model.onnx");
        Files.write(model, OnnxExport.write(mnistShaped(List.of(16, 16)), "m.zip", "t", Map.of("pixel_scaling", "p / 255")));
        String script = "import onnx, sys\n"
                + "m = onnx.load(sys.argv[1])\n"
                + "onnx.checker.check_model(m, full_check=True)\n"
                + "print('checked', onnx.__version__, m.ir_version, [o.version for o in m.opset_import],"
                + " [n.op_type for n in m.graph.node], {p.key: p.value for p in m.metadata_props})\n";
        Process p = new ProcessBuilder(python.toString(), "-c", script, model.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "onnx.checker did not finish");
        System.out.println(out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("checked"), out);
    }
}
