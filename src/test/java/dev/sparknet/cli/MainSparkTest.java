package dev.sparknet.cli;

import dev.sparknet.data.QuadrantDigits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line end to end on Spark local mode (each run starts and stops its own context), on small
 * synthetic quadrant images: exit codes and what is, or is not, left at --output.
 */
class MainSparkTest {
    @TempDir
    Path tmp;
    Path data;
    Path runs;

    @BeforeEach
    void writeData() throws IOException {
        data = Files.createDirectory(tmp.resolve("quadrants"));
        QuadrantDigits.write(data, 400, 100, 4, 7);
        runs = Files.createDirectory(tmp.resolve("runs"));
    }

    private record Result(int code, String err) {
    }

    private Result mnist(Path output, String learningRate, String epochs) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(new String[]{"mnist", "--data", data.toString(), "--output", output.toString(),
                    "--master", "local[2]", "--epochs", epochs, "--hidden", "32", "--batch", "32",
                    "--learning-rate", learningRate, "--averaging-frequency", "2", "--workers", "2"});
            return new Result(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }

    private List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aSaneRunExitsZeroAndPublishesModelAndMetrics() throws IOException {
        Path out = runs.resolve("ok");

        Result r = mnist(out, "0.01", "1");

        assertEquals(Main.OK, r.code(), "stderr:\n" + r.err());
        assertEquals(List.of("confusion_matrix.png", "errors.png", "learning_curves.png", "metrics.json", "model.zip",
                "report.html"), entries(out));
        assertEquals(List.of("ok"), entries(runs), "nothing but the output beside it");
    }

    /**
     * Adam moves every weight by about the learning rate per step, so 1e20 makes the weights ~1e20 after
     * the first step and the logits of a 784-32-10 network overflow float (~3.4e38): the loss is NaN in
     * the first averaging round. (Rates up to ~1e17 do not diverge on this data: Adam's normalised steps
     * and DL4J's clipped softmax cross-entropy keep the loss finite, so 50 or 1e6 would test nothing.)
     */
    @Test
    void aDivergedRunExitsOneAndLeavesNothingAtOutput() throws IOException {
        Path out = runs.resolve("diverged");

        Result r = mnist(out, "1e20", "2");

        assertEquals(Main.FAILED, r.code(), "stderr:\n" + r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("sparknet mnist: training diverged in epoch 1")
                        && l.contains("NaN") && l.endsWith("nothing was published")),
                "the one-line diagnosis on stderr, got:\n" + r.err());
        assertFalse(Files.exists(out), "a diverged run must not publish");
        assertEquals(List.of(), entries(runs), "no staging or work directory may be left beside --output");
    }
}
