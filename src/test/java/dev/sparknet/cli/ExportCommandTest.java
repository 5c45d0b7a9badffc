package dev.sparknet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.artifacts.RunProvenance;
import dev.sparknet.artifacts.StagedOutput;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.model.NetworkFactory;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `export` and `describe` of exports through the command line, on small networks (no Spark, no MNIST). */
class ExportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void saveAModel() {
        model = tmp.resolve("trained");
        try (StagedOutput out = StagedOutput.begin(model.toString(), false, new Configuration())) {
            ModelStore.save(NetworkFactory.create(new MlpSpec(784, List.of(24), 10,
                    MlpSpec.Head.SOFTMAX_CROSS_ENTROPY, 0.01, 1)), out, new MetricsFile(0.5, 0, null, null, 0, List.of(), null,
                    new RunProvenance("mnist", "test", null, null, null, 0, null, Map.of("hidden", "24"), Map.of()), null, null));
            out.publish();
        }
        model = model.resolve(ModelStore.MODEL_FILE);
    }

    private record Result(int code, String out, String err) {
        String oneErrorLine() {
            List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "expected exactly one line on stderr, got:\n" + err);
            assertFalse(err.contains("\tat "), err);
            return lines.get(0);
        }
    }

    private static Result run(String... args) {
        CliRun r = CliRun.of(args);
        return new Result(r.code(), r.out(), r.err());
    }

    @Test
    void onnxExportThenDescribe() throws IOException {
        Path out = tmp.resolve("onnx");
        Result r = run("export", "--model", model.toString(), "--format", "onnx", "--output", out.toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertEquals(List.of("model.onnx"), Arrays.asList(out.toFile().list()));

        Result d = run("describe", "--model", out.resolve("model.onnx").toString());
        assertEquals(Main.OK, d.code(), d.err());
        JsonNode s = JSON.readTree(d.out());
        assertEquals("onnx", s.get("format").asText());
        assertEquals(17, s.get("opsets").get("ai.onnx").asInt());
        assertEquals("[\"Gemm\",\"Relu\",\"Gemm\",\"Softmax\"]", s.get("operators").toString());
        assertEquals("[{\"name\":\"pixels\",\"type\":\"float32\",\"shape\":[\"N\",784]}]", s.get("inputs").toString());
        assertEquals(784 * 24 + 24 + 24 * 10 + 10, s.get("parameters").asInt());
        JsonNode metadata = s.get("metadata");
        assertTrue(metadata.get("pixel_scaling").asText().startsWith("float32 input = uint8 pixel / 255"), d.out());
        assertEquals("784-24-10", metadata.get("network").asText());
        assertEquals("0.5", metadata.get("test_accuracy").asText());
        assertEquals(model.toString(), metadata.get("source_model").asText());
        assertTrue(metadata.get("training_provenance").asText().contains("\"hidden\":\"24\""), d.out());
    }

    @Test
    void dl4jExportThenDescribe() throws IOException {
        Path out = tmp.resolve("dl4j");
        Result r = run("export", "--model", model.toString(), "--format", "DL4J", "--output", out.toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertEquals(List.of("model.zip"), Arrays.asList(out.toFile().list()));

        Result d = run("describe", "--model", out.resolve("model.zip").toString());
        assertEquals(Main.OK, d.code(), d.err());
        JsonNode s = JSON.readTree(d.out());
        JsonNode export = s.get("export");
        assertEquals("dl4j", export.get("format").asText());
        assertEquals("784-24-10", export.get("network").asText());
        assertEquals("org.deeplearning4j.nn.conf.layers.DenseLayer", export.get("layers").get(0).get("class").asText());
        assertEquals("org.deeplearning4j.nn.conf.layers.OutputLayer", export.get("layers").get(1).get("class").asText());
        assertTrue(export.get("layers").get(0).get("updater").asText().startsWith("Adam("), d.out());
        assertTrue(export.get("updater_state").asBoolean());
        assertEquals(0.5, s.get("source").get("test_accuracy").asDouble());
        assertFalse(Files.readString(out.resolve("model.zip"), StandardCharsets.ISO_8859_1).contains("dev.sparknet.model"),
                "the zip must not name any class of ours");
    }

    private static void assertRefused(Result r, String job, String... expected) {
        String line = r.oneErrorLine();
        assertEquals(Main.BAD_INPUT, r.code(), line);
        assertTrue(line.startsWith("sparknet " + job + ": error: "), line);
        for (String part : expected) {
            assertTrue(line.contains(part), "expected '" + part + "' in: " + line);
        }
        System.out.println("refused: " + line);
    }

    private static void assertExportRefused(Path badModel, String format, String... expected) throws IOException {
        Path out = tmp.resolve("out-" + badModel.getFileName() + "-" + format);
        assertRefused(run("export", "--model", badModel.toString(), "--format", format, "--output", out.toString()),
                "export", expected);
        assertFalse(Files.exists(out), "nothing may be written under --output");
        try (var siblings = Files.list(tmp)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith("." + out.getFileName())),
                    "no staging folder may be left beside --output");
        }
    }

    @Test
    void badModelsAreOneLineAndExitTwo() throws IOException {
        byte[] noise = new byte[50_000];
        new Random(3).nextBytes(noise);
        Path noiseFile = Files.write(tmp.resolve("noise.zip"), noise);
        byte[] real = Files.readAllBytes(model);
        Path truncated = Files.write(tmp.resolve("truncated.zip"), Arrays.copyOf(real, real.length / 2));
        for (String format : List.of("onnx", "dl4j")) {
            assertExportRefused(noiseFile, format, "--model " + noiseFile, "not a zip file");
            assertExportRefused(truncated, format, "--model " + truncated, "not a readable zip file");
            assertExportRefused(tmp.resolve("absent.zip"), format, "--model " + tmp.resolve("absent.zip"), "no such file");
        }
        assertRefused(run("describe", "--model", noiseFile.toString()), "describe", "--model " + noiseFile,
                "neither a model.zip nor an ONNX model");
        Path text = Files.writeString(tmp.resolve("notes.onnx"), "not a model\n");
        assertRefused(run("describe", "--model", text.toString()), "describe", "neither a model.zip nor an ONNX model");
        assertRefused(run("describe", "--model", tmp.resolve("absent.onnx").toString()), "describe",
                "--model " + tmp.resolve("absent.onnx") + ": no such file");
    }

    @Test
    void aNetworkOnnxCannotExpressIsRefused() throws IOException {
        MultiLayerNetwork leaky = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(8).activation(Activation.LEAKYRELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        leaky.init();
        Path file = tmp.resolve("leaky.zip");
        ModelSerializer.writeModel(leaky, file.toFile(), false);
        // refused already by the loader, which accepts only what sparknet writes (see UntrustedModelTest)
        assertExportRefused(file, "onnx", "layer 0 is 'org.deeplearning4j.nn.conf.layers.DenseLayer'");
    }

    @Test
    void badFormatAndExistingOutput() throws IOException {
        Path out = tmp.resolve("never");
        assertRefused(run("export", "--model", model.toString(), "--format", "tflite", "--output", out.toString()),
                "export", "--format tflite: expected onnx or dl4j");
        assertRefused(run("export", "--model", model.toString(), "--output", out.toString()), "export", "--format is required");
        assertFalse(Files.exists(out));
        Path existing = Files.createDirectories(tmp.resolve("existing"));
        assertRefused(run("export", "--model", model.toString(), "--format", "onnx", "--output", existing.toString()),
                "export", "already exists");
    }
}
