package dev.sparknet.artifacts;

import dev.sparknet.BadInputException;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.sparknet.artifacts.CraftedModels.entries;
import static dev.sparknet.artifacts.CraftedModels.with;
import static dev.sparknet.artifacts.CraftedModels.withConfig;
import static dev.sparknet.artifacts.CraftedModels.zip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loading a model file never trusts it: each crafted file is refused with a message naming the file and
 * the problem, quickly (the timeout guards against the hangs DL4J's own loader has on some of them), and a
 * model this job writes loads exactly as DL4J's ModelSerializer loads it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModelReaderTest {
    @TempDir
    static Path tmp;
    static byte[] real;
    static LinkedHashMap<String, byte[]> parts;

    @BeforeAll
    static void setUp() {
        real = CraftedModels.trained(20, tmp);
        parts = entries(real);
    }

    private static MultiLayerNetwork load(byte[] file) {
        Path path = CraftedModels.write(tmp, "m" + System.nanoTime() + ".zip", file);
        return ModelStore.load(path.toString(), new Configuration());
    }

    private static void assertRefused(byte[] file, String... expected) {
        Path path = CraftedModels.write(tmp, "bad" + System.nanoTime() + ".zip", file);
        long start = System.nanoTime();
        BadInputException e = assertThrows(BadInputException.class, () -> ModelStore.load(path.toString(), new Configuration()));
        double seconds = (System.nanoTime() - start) / 1e9;
        String message = e.getMessage();
        assertTrue(message.startsWith("--model " + path + ": "), message);
        for (String part : expected) {
            assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
        }
        assertEquals(1, message.lines().count(), message);
        System.out.printf("refused in %.2f s (%d bytes): %s%n", seconds, file.length, message);
    }

    @Test
    void aModelThisJobWritesLoadsExactlyAsDl4jLoadsIt() throws IOException {
        MultiLayerNetwork ours = load(real);
        MultiLayerNetwork dl4j = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(real), true);
        assertEquals(dl4j.getLayerWiseConfigurations().toJson(), ours.getLayerWiseConfigurations().toJson());
        assertEquals(dl4j.params(), ours.params());
        assertEquals(dl4j.getUpdater().getStateViewArray(), ours.getUpdater().getStateViewArray());
        assertTrue(ours.getUpdater().getStateViewArray().sumNumber().doubleValue() != 0, "Adam state was saved non-zero");
        INDArray input = Nd4j.rand(5, 20);
        assertEquals(dl4j.output(input), ours.output(input));
        assertEquals(3, ours.getLayerWiseConfigurations().getIterationCount());
        assertEquals(0.0049, ours.getLearningRate(0), 0.0);
    }

    @Test
    void withoutProvenanceOrUpdaterStateItStillLoads() {
        LinkedHashMap<String, byte[]> plain = new LinkedHashMap<>(parts);
        plain.remove(ModelStore.PROVENANCE_ENTRY);
        plain.remove("updaterState.bin");
        MultiLayerNetwork network = load(zip(plain));
        assertArrayEquals(load(real).params().toFloatVector(), network.params().toFloatVector());
    }

    @Test
    void aSerializedJavaObjectIsNeverRead() {
        // DL4J's loader would deserialize this (and never return); here the entry's name is enough to refuse
        assertRefused(zip(with(parts, "preprocessor.bin", CraftedModels.endlessJavaObject())),
                "preprocessor.bin, a serialized Java object");
        LinkedHashMap<String, byte[]> first = new LinkedHashMap<>();
        first.put("preprocessor.bin", CraftedModels.endlessJavaObject());
        first.putAll(parts);
        assertRefused(zip(first), "preprocessor.bin");
    }

    @Test
    void unknownEntriesDuplicatesAndReorderingAreRefused() {
        assertRefused(zip(with(parts, "normalizer.bin", new byte[10])), "normalizer.bin");
        assertRefused(zip(with(parts, "evil/../../x.sh", new byte[10])), "where sparknet writes none");
        assertRefused(zip(with(parts, "configuration.json#", parts.get("configuration.json"))), "twice");
        LinkedHashMap<String, byte[]> reordered = new LinkedHashMap<>();
        reordered.put("coefficients.bin", parts.get("coefficients.bin"));
        reordered.put("configuration.json", parts.get("configuration.json"));
        assertRefused(zip(reordered), "'coefficients.bin'");
    }

    @Test
    void zipBombsStopAtWhatTheDeclaredNetworkNeeds() {
        LinkedHashMap<String, byte[]> head = new LinkedHashMap<>(parts);
        head.remove("coefficients.bin");
        head.remove("updaterState.bin");
        long count = load(real).params().length();
        // a valid header for the right count, then a gigabyte of zeros: read no further than the count
        byte[] header = java.util.Arrays.copyOf(CraftedModels.vector(count, 0), CraftedModels.vector(count, 0).length);
        assertRefused(CraftedModels.bomb(head, "coefficients.bin", header, 256L << 20), "coefficients.bin", "has bytes after its " + count + " values");
        assertRefused(CraftedModels.bomb(head, "coefficients.bin", 256L << 20), "coefficients.bin");
        assertRefused(CraftedModels.bomb(Map.of(), "configuration.json", 256L << 20), "configuration.json", "inflates");
        assertRefused(CraftedModels.bomb(Map.of(), ModelStore.PROVENANCE_ENTRY, 256L << 20), "provenance.json", "inflates");
    }

    @Test
    void declaredArraySizesMustMatchTheConfiguration() {
        assertRefused(zip(with(parts, "coefficients.bin", CraftedModels.vector(1L << 40, 16))),
                "coefficients.bin", "where the configuration needs");
        assertRefused(zip(with(parts, "coefficients.bin", CraftedModels.vector(Integer.MAX_VALUE, 16))),
                "coefficients.bin", "where the configuration needs");
        byte[] coefficients = parts.get("coefficients.bin");
        assertRefused(zip(with(parts, "coefficients.bin", java.util.Arrays.copyOf(coefficients, coefficients.length - 7))),
                "coefficients.bin", "truncated");
        assertRefused(zip(with(parts, "updaterState.bin", parts.get("coefficients.bin"))), "updaterState.bin");
    }

    @Test
    void aHugeDeclaredNetworkIsRefusedBeforeAllocating() {
        LinkedHashMap<String, byte[]> wide = withConfig(withConfig(parts, "\"nout\" : 16", "\"nout\" : 1000000"), "\"nin\" : 16", "\"nin\" : 1000000");
        wide = withConfig(withConfig(wide, "\"nout\" : 8", "\"nout\" : 1000000"), "\"nin\" : 8", "\"nin\" : 1000000");
        assertRefused(zip(wide),
                "parameters, more than the");
        assertRefused(zip(withConfig(parts, "\"nout\" : 16", "\"nout\" : 99999999999")), "nout must be a whole number");
    }

    @Test
    void onlyTheTypesThisJobWritesAreAccepted() {
        assertRefused(zip(withConfig(parts, "org.nd4j.linalg.activations.impl.ActivationReLU",
                "org.apache.commons.collections.functors.InvokerTransformer")), "not a configuration sparknet writes");
        assertRefused(zip(withConfig(parts, "dev.sparknet.model.LeanDenseLayer", "org.deeplearning4j.nn.conf.layers.DenseLayer")),
                "layer 0 is 'org.deeplearning4j.nn.conf.layers.DenseLayer'");
        assertRefused(zip(withConfig(parts, "LossMCXENT", "LossNegativeLogLikelihood")), "the loss is");
        assertRefused(zip(withConfig(parts, "dev.sparknet.model.FusedAdam", "org.nd4j.linalg.learning.config.Sgd")),
                "the updater is");
        assertRefused(zip(withConfig(parts, "\"weightNoise\" : null", "\"weightNoise\" : {\"@class\" : \"java.net.URL\"}")),
                "not a configuration sparknet writes");
    }

    @Test
    void malformedConfigurationJsonIsRefused() {
        assertRefused(zip(with(parts, "configuration.json", "{\"confs\": [".getBytes(StandardCharsets.UTF_8))), "not valid JSON");
        assertRefused(zip(with(parts, "configuration.json", ("[".repeat(100_000)).getBytes(StandardCharsets.UTF_8))),
                "not valid JSON");
        String json = new String(parts.get("configuration.json"), StandardCharsets.UTF_8);
        String duplicated = json.replaceFirst("\"@class\" : \"dev.sparknet.model.LeanDenseLayer\",",
                "\"@class\" : \"dev.sparknet.model.LeanDenseLayer\", \"@class\" : \"java.lang.ProcessBuilder\",");
        assertRefused(zip(with(parts, "configuration.json", duplicated.getBytes(StandardCharsets.UTF_8))), "not valid JSON");
    }

    @Test
    void nonFiniteWeightsAreRefused() {
        MultiLayerNetwork network = load(real);
        long count = network.params().length();
        byte[] nan = CraftedModels.vector(count, (int) count);
        // the first value becomes NaN (0x7fc00000, big-endian) right after the header
        int first = nan.length - 4 * (int) count;
        nan[first] = 0x7f;
        nan[first + 1] = (byte) 0xc0;
        assertRefused(zip(with(parts, "coefficients.bin", nan)), "coefficients.bin", "not finite");
    }

    @Test
    void notAZipAtAll() {
        assertRefused("hello".getBytes(StandardCharsets.UTF_8), "not a zip file");
        assertRefused(new byte[0], "not a zip file");
        assertRefused(java.util.Arrays.copyOf(real, real.length / 3));
    }

    @Test
    void loadAndDescribeRefuseANonZipInTheSameWords() {
        Path noise = CraftedModels.write(tmp, "noise.zip", "hello".getBytes(StandardCharsets.UTF_8));
        String expected = "--model " + noise + ": not a zip file or an empty one (expected a model.zip written by sparknet)";
        assertEquals(expected, assertThrows(BadInputException.class,
                () -> ModelStore.load(noise.toString(), new Configuration())).getMessage());
        assertEquals(expected, assertThrows(BadInputException.class,
                () -> ModelStore.describe(noise.toString(), new Configuration())).getMessage());
    }

    @Test
    void describeParsesAndReprintsTheProvenance() {
        Path good = CraftedModels.write(tmp, "described.zip", real);
        String text = ModelStore.describe(good.toString(), new Configuration());
        assertTrue(text.contains("\"test_accuracy\": 0.5"), text);
        LinkedHashMap<String, byte[]> escape = with(parts, ModelStore.PROVENANCE_ENTRY,
                "{\"note\": \"\\u001b[2J\"}".getBytes(StandardCharsets.UTF_8));
        String printed = ModelStore.describe(CraftedModels.write(tmp, "escape.zip", zip(escape)).toString(), new Configuration());
        assertNotNull(printed);
        assertTrue(!printed.contains("\u001b"), "control characters stay escaped: " + printed);
        Path bomb = CraftedModels.write(tmp, "describe-bomb.zip", CraftedModels.bomb(Map.of(), ModelStore.PROVENANCE_ENTRY, 256L << 20));
        BadInputException e = assertThrows(BadInputException.class, () -> ModelStore.describe(bomb.toString(), new Configuration()));
        assertTrue(e.getMessage().contains("inflates"), e.getMessage());
    }
}
