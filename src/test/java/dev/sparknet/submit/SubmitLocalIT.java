package dev.sparknet.submit;

import dev.sparknet.RealMnist;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the built job jar through submit/local.sh (spark-submit in local mode), as a user would. */
class SubmitLocalIT {
    static final Path HOME = Path.of(System.getProperty("sparknet.home", "."));
    static final Path MNIST = RealMnist.dir();

    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result submit(Path work, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", HOME.resolve("submit/local.sh").toString()));
        command.addAll(List.of(args));
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("SPARKNET_DRIVER_MEMORY", "2g");
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "submit/local.sh did not finish in 10 minutes");
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void trainsThenEvaluatesTheSavedModelToTheSameAccuracy(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(MNIST), "real MNIST not found at " + MNIST + "; skipped");
        Path run = work.resolve("run");
        Result train = submit(work, "mnist", "--data", MNIST.toString(), "--output", run.toString(),
                "--epochs", "1", "--hidden", "128", "--train-limit", "6000", "--test-limit", "1000",
                "--averaging-frequency", "5");
        assertEquals(0, train.exitCode(), train.stderr());
        JsonNode metrics = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        double accuracy = metrics.get("test_accuracy").asDouble();
        assertTrue(accuracy > 0.8, "a 784-128-10 MLP must learn MNIST far above chance, got " + accuracy);
        assertEquals(1, metrics.get("epochs").size());

        Path eval = work.resolve("eval");
        Result evaluate = submit(work, "evaluate", "--model", run.resolve("model.zip").toString(),
                "--data", MNIST.toString(), "--output", eval.toString(), "--test-limit", "1000");
        assertEquals(0, evaluate.exitCode(), evaluate.stderr());
        double reloaded = new ObjectMapper().readTree(eval.resolve("metrics.json").toFile()).get("test_accuracy").asDouble();
        assertEquals(accuracy, reloaded, 0.0, "the saved model must score exactly what the training run reported");
    }

    @Test
    void badFlagIsOneLineAndExitCodeTwo(@TempDir Path work) throws Exception {
        Path out = work.resolve("out");
        Result r = submit(work, "mnist", "--data", work.toString(), "--output", out.toString(), "--epochs", "0");
        assertEquals(2, r.exitCode());
        List<String> lines = r.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "exactly one line on stderr, got:\n" + r.stderr());
        assertTrue(lines.get(0).contains("--epochs"), lines.get(0));
        assertFalse(Files.exists(out));
    }
}
