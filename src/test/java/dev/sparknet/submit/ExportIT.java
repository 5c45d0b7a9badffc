package dev.sparknet.submit;

import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.artifacts.StagedOutput;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.model.NetworkFactory;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.sparknet.submit.SubmitLocalIT.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `export` and `describe` through submit/local.sh and the shaded jar, as a user runs them. */
class ExportIT {
    @Test
    void exportsBothFormatsAndDescribesThem(@TempDir Path work) throws Exception {
        Path run = work.resolve("run");
        try (StagedOutput out = StagedOutput.begin(run.toString(), false, new Configuration())) {
            ModelStore.save(NetworkFactory.create(new MlpSpec(784, List.of(32), 10, MlpSpec.Head.SOFTMAX_CROSS_ENTROPY,
                    0.01, 1)), out, new MetricsFile(0.25, 0, null, null, 0, List.of(), null, null, null, null));
            out.publish();
        }
        String model = run.resolve(ModelStore.MODEL_FILE).toString();

        SubmitLocalIT.Result onnx = submit(work, "export", "--model", model, "--format", "onnx", "--output",
                work.resolve("onnx").toString());
        assertEquals(0, onnx.exitCode(), onnx.stderr());
        assertTrue(Files.size(work.resolve("onnx/model.onnx")) > 784 * 32 * 4);
        SubmitLocalIT.Result describeOnnx = submit(work, "describe", "--model", work.resolve("onnx/model.onnx").toString());
        assertEquals(0, describeOnnx.exitCode(), describeOnnx.stderr());
        assertTrue(describeOnnx.stdout().contains("\"operators\": [\"Gemm\", \"Relu\", \"Gemm\", \"Softmax\"]"),
                describeOnnx.stdout());

        SubmitLocalIT.Result dl4j = submit(work, "export", "--model", model, "--format", "dl4j", "--output",
                work.resolve("dl4j").toString());
        assertEquals(0, dl4j.exitCode(), dl4j.stderr());
        SubmitLocalIT.Result describeDl4j = submit(work, "describe", "--model", work.resolve("dl4j/model.zip").toString());
        assertEquals(0, describeDl4j.exitCode(), describeDl4j.stderr());
        assertTrue(describeDl4j.stdout().contains("\"class\": \"org.deeplearning4j.nn.conf.layers.DenseLayer\""),
                describeDl4j.stdout());

        SubmitLocalIT.Result bad = submit(work, "export", "--model", work.resolve("onnx/model.onnx").toString(),
                "--format", "dl4j", "--output", work.resolve("never").toString());
        assertEquals(2, bad.exitCode(), bad.stderr());
        List<String> lines = bad.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), bad.stderr());
        assertTrue(lines.get(0).contains("not a zip file"), lines.get(0)); // an ONNX file is no model.zip
        assertFalse(Files.exists(work.resolve("never")));
    }
}
