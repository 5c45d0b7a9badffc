package dev.sparknet.cli;

import dev.sparknet.data.QuadrantDigits;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.model.NetworkFactory;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `evaluate --model X` with a saved model that cannot be used: exit 2, one line on stderr naming X, no stack
 * trace, nothing under --output. All fail before Spark starts.
 */
class EvaluateBadModelTest {
    @TempDir
    static Path tmp;
    static Path data;
    static byte[] realModel;

    @BeforeAll
    static void setUp() throws IOException {
        data = Files.createDirectory(tmp.resolve("quadrants"));
        QuadrantDigits.write(data, 40, 20, 4, 7); // 28x28, MNIST-shaped
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        ModelSerializer.writeModel(NetworkFactory.create(new MlpSpec(784, List.of(16), 10,
                MlpSpec.Head.SOFTMAX_CROSS_ENTROPY, 0.01, 1)), model, true);
        realModel = model.toByteArray();
    }

    private record Result(int code, String err) {
    }

    private static Result evaluate(Path model, Path output) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(new String[] {"evaluate", "--model", model.toString(), "--data", data.toString(),
                    "--output", output.toString(), "--master", "local[1]"});
        } finally {
            System.setErr(oldErr);
        }
        return new Result(code, err.toString(StandardCharsets.UTF_8));
    }

    private static void assertRefused(Path model, String... expected) {
        Path output = tmp.resolve("out-" + model.getFileName());
        Result r = evaluate(model, output);
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "exactly one line on stderr expected, got:\n" + r.err());
        String line = lines.get(0);
        assertEquals(Main.BAD_INPUT, r.code(), line);
        assertTrue(line.startsWith("sparknet evaluate: error: --model " + model), line);
        for (String part : expected) {
            assertTrue(line.contains(part), "expected '" + part + "' in: " + line);
        }
        assertFalse(line.contains("\tat "), line);
        System.out.println("refused: " + line);
        assertFalse(Files.exists(output), "nothing may be written under --output " + output);
        try (var siblings = Files.list(tmp)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(output.getFileName() + ".")),
                    "no staging folder may be left beside --output");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void randomBytesAreNotAModel() throws IOException {
        byte[] noise = new byte[50_000];
        new Random(3).nextBytes(noise);
        assertRefused(Files.write(tmp.resolve("noise.zip"), noise), "not a readable DL4J model");
    }

    @Test
    void truncatedModelZip() throws IOException {
        assertRefused(Files.write(tmp.resolve("truncated.zip"), Arrays.copyOf(realModel, realModel.length / 2)),
                "not a readable DL4J model");
    }

    @Test
    void zipOfSomethingElse() throws IOException {
        Path zip = tmp.resolve("notes.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("notes.txt"));
            z.write("not a network\n".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        assertRefused(zip, "not a readable DL4J model");
    }

    @Test
    void modelWhoseInputSizeDoesNotMatchTheData() throws IOException {
        Path model = tmp.resolve("100-inputs.zip");
        ModelSerializer.writeModel(NetworkFactory.create(new MlpSpec(100, List.of(8), 10,
                MlpSpec.Head.SOFTMAX_CROSS_ENTROPY, 0.01, 1)), model.toFile(), true);
        assertRefused(model, "takes 100 inputs", "784 pixels per image");
    }

    @Test
    void missingModelFile() {
        assertRefused(tmp.resolve("absent.zip"));
    }
}
