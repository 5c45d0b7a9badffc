package dev.sparknet.cli;

import dev.sparknet.artifacts.CraftedModels;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.data.QuadrantDigits;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.model.NetworkFactory;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static dev.sparknet.artifacts.CraftedModels.entries;
import static dev.sparknet.artifacts.CraftedModels.with;
import static dev.sparknet.artifacts.CraftedModels.withConfig;
import static dev.sparknet.artifacts.CraftedModels.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every job that loads a model (evaluate, predict, describe, retrain's warm start) meets crafted model
 * files: exit 2, one line on stderr naming the file and the problem, no stack trace, nothing under
 * --output, a registry left byte-for-byte unchanged. Each case prints how long it took. All fail before
 * Spark starts.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UntrustedModelTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path images;
    static byte[] realModel;
    static LinkedHashMap<String, byte[]> parts;

    @BeforeAll
    static void setUp() throws IOException {
        data = Files.createDirectory(tmp.resolve("quadrants"));
        QuadrantDigits.write(data, 40, 20, 4, 7); // 28x28, MNIST-shaped
        images = data.resolve("t10k-images-idx3-ubyte");
        realModel = CraftedModels.trained(784, tmp);
        parts = entries(realModel);
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static String oneLine(CliRun r, String job, String... expected) {
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "exactly one line on stderr expected, got:\n" + r.err());
        String line = lines.get(0);
        assertEquals(Main.BAD_INPUT, r.code(), line);
        assertTrue(line.startsWith("sparknet " + job + ": error: "), line);
        for (String part : expected) {
            assertTrue(line.contains(part), "expected '" + part + "' in: " + line);
        }
        assertFalse(line.contains("\tat "), line);
        System.out.printf("%-8s refused in %5.2f s: %s%n", job, r.seconds(), line);
        return line;
    }

    private static void assertNothingAt(Path output) {
        assertFalse(Files.exists(output), "nothing may be written under --output " + output);
        try (Stream<Path> siblings = Files.list(output.getParent())) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith("." + output.getFileName())
                            || p.getFileName().toString().startsWith(output.getFileName() + ".")),
                    "no staging folder may be left beside --output");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** evaluate, predict and describe each refuse the file, naming it; retrain refuses it as a registry's champion. */
    private static void assertRefusedEverywhere(String name, byte[] file, String... expected) {
        Path model = CraftedModels.write(tmp, name, file);
        Path evalOut = tmp.resolve("eval-" + name);
        oneLine(run("evaluate", "--model", model.toString(), "--data", data.toString(), "--output", evalOut.toString(),
                "--master", "local[1]"), "evaluate", concat("--model " + model, expected));
        assertNothingAt(evalOut);
        Path predictOut = tmp.resolve("predict-" + name);
        oneLine(run("predict", "--model", model.toString(), "--input", images.toString(), "--output", predictOut.toString(),
                "--master", "local[1]"), "predict", concat("--model " + model, expected));
        assertNothingAt(predictOut);
        assertRegistryRefuses(name, file, expected);
    }

    private static String[] concat(String first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    /** A registry whose current version holds the file: retrain stops before the lock, changing nothing. */
    private static void assertRegistryRefuses(String name, byte[] file, String... expected) {
        try {
            Path registry = Files.createDirectories(tmp.resolve("registry-" + name));
            Path version = Files.createDirectories(registry.resolve("versions/000001"));
            Files.createDirectories(registry.resolve("runs")); // as every registry this job made has
            Files.write(version.resolve(ModelStore.MODEL_FILE), file);
            Files.writeString(version.resolve("metrics.json"), "{}\n");
            Files.writeString(version.resolve("manifest.json"), "{}\n");
            Files.writeString(registry.resolve("current"), "000001\n");
            Map<String, String> before = snapshot(registry);
            Path modelPath = version.resolve(ModelStore.MODEL_FILE);
            oneLine(run("retrain", "--registry", registry.toString(), "--data", data.toString(), "--master", "local[1]"),
                    "retrain", concat("registry model file:" + modelPath, expected));
            assertEquals(before, snapshot(registry), "the registry must be left unchanged");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                files.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir" : sha256(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSerializedJavaObjectThatNeverFinishesIsNotRead() {
        assertRefusedEverywhere("preprocessor.zip", zip(with(parts, "preprocessor.bin", CraftedModels.endlessJavaObject())),
                "preprocessor.bin, a serialized Java object");
    }

    @Test
    void aZipBombInTheWeights() {
        LinkedHashMap<String, byte[]> head = new LinkedHashMap<>(parts);
        head.remove("coefficients.bin");
        head.remove("updaterState.bin");
        assertRefusedEverywhere("bomb.zip", CraftedModels.bomb(head, "coefficients.bin", 256L << 20), "coefficients.bin");
    }

    @Test
    void aDeclaredArrayLargerThanTheNetwork() {
        assertRefusedEverywhere("huge-array.zip", zip(with(parts, "coefficients.bin", CraftedModels.vector(1L << 40, 100))),
                "coefficients.bin declares shape [1, 1099511627776]");
    }

    @Test
    void aNetworkTooLargeToLoad() {
        LinkedHashMap<String, byte[]> wide = withConfig(withConfig(parts, "\"nout\" : 16", "\"nout\" : 1000000"),
                "\"nin\" : 16", "\"nin\" : 1000000");
        wide = withConfig(withConfig(wide, "\"nout\" : 8", "\"nout\" : 1000000"), "\"nin\" : 8", "\"nin\" : 1000000");
        assertRefusedEverywhere("too-wide.zip", zip(wide), "parameters, more than the");
    }

    @Test
    void aClassThisJobNeverWrites() {
        assertRefusedEverywhere("gadget.zip", zip(withConfig(parts, "org.nd4j.linalg.activations.impl.ActivationReLU",
                "org.apache.commons.collections.functors.InvokerTransformer")), "not a configuration sparknet writes");
    }

    @Test
    void randomBytesAreNotAModel() {
        byte[] noise = new byte[50_000];
        new Random(3).nextBytes(noise);
        assertRefusedEverywhere("noise.zip", noise, "not a zip file");
    }

    @Test
    void truncatedModelZip() {
        assertRefusedEverywhere("truncated.zip", Arrays.copyOf(realModel, realModel.length / 2), "truncated");
    }

    @Test
    void zipOfSomethingElse() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("notes.txt"));
            z.write("not a network\n".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        assertRefusedEverywhere("notes.zip", bytes.toByteArray(), "holds the entry 'notes.txt'");
    }

    @Test
    void describeRefusesWhatItCannotReadAndPrintsWhatItCan() {
        Path bomb = CraftedModels.write(tmp, "provenance-bomb.zip",
                CraftedModels.bomb(Map.of(), ModelStore.PROVENANCE_ENTRY, 256L << 20));
        oneLine(run("describe", "--model", bomb.toString()), "describe", "--model " + bomb, "inflates");
        Path noise = CraftedModels.write(tmp, "describe-noise.zip", "MZ not a zip".getBytes(StandardCharsets.UTF_8));
        oneLine(run("describe", "--model", noise.toString()), "describe", "--model " + noise,
                "neither a model.zip nor an ONNX model");
        Path good = CraftedModels.write(tmp, "describe-good.zip", realModel);
        assertEquals(Main.OK, run("describe", "--model", good.toString()).code());
    }

    @Test
    void aCurrentPointingOutsideTheRegistry() throws IOException {
        Path registry = Files.createDirectories(tmp.resolve("registry-escape"));
        Files.createDirectories(registry.resolve("versions"));
        Files.createDirectories(registry.resolve("runs"));
        Files.writeString(registry.resolve("current"), "../../../etc\n");
        Map<String, String> before = snapshot(registry);
        oneLine(run("retrain", "--registry", registry.toString(), "--data", data.toString(), "--master", "local[1]"),
                "retrain", "current holds ../../../etc, not a version name");
        assertEquals(before, snapshot(registry));
    }

    @Test
    void modelWhoseInputSizeDoesNotMatchTheData() throws IOException {
        Path model = tmp.resolve("100-inputs.zip");
        ModelSerializer.writeModel(NetworkFactory.create(new MlpSpec(100, List.of(8), 10,
                MlpSpec.Head.SOFTMAX_CROSS_ENTROPY, 0.01, 1)), model.toFile(), true);
        Path output = tmp.resolve("out-100");
        oneLine(run("evaluate", "--model", model.toString(), "--data", data.toString(), "--output", output.toString(),
                "--master", "local[1]"), "evaluate", "--model " + model, "takes 100 inputs", "784 pixels per image");
        assertNothingAt(output);
    }

    @Test
    void missingModelFile() {
        Path absent = tmp.resolve("absent.zip");
        Path output = tmp.resolve("out-absent");
        oneLine(run("evaluate", "--model", absent.toString(), "--data", data.toString(), "--output", output.toString(),
                "--master", "local[1]"), "evaluate", "--model " + absent, "no such file");
        assertNothingAt(output);
    }

    @Test
    void aGoodModelStillWorks() throws IOException {
        Path model = CraftedModels.write(tmp, "good.zip", realModel);
        Path output = tmp.resolve("eval-good");
        CliRun r = run("evaluate", "--model", model.toString(), "--data", data.toString(), "--output", output.toString(),
                "--master", "local[1]");
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(Files.exists(output.resolve("metrics.json")));
    }
}
