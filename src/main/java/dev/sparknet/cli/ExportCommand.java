package dev.sparknet.cli;

import dev.sparknet.config.ExportJobConfig;
import dev.sparknet.config.Settings;
import dev.sparknet.jobs.ExportJob;

import java.util.List;

/** Flags of the `export` job. */
final class ExportCommand extends Command {
    private static final List<Flag> OWN = Flag.table("""
            --model FILE          a model.zip written by the mnist job (any Hadoop path)
            --format onnx|dl4j    onnx: DIR/model.onnx; dl4j: DIR/model.zip of stock DL4J classes
            --output DIR          where to publish the export; must not exist yet
            """);

    ExportCommand() {
        super("export",
                "write a saved model for use outside this job: ONNX, or a zip of stock DL4J classes",
                "--format onnx writes DIR/model.onnx: ONNX opset 17 (Gemm, Relu, Softmax), input 'pixels'\n"
                        + "float32 [N, P] (P pixels, 784 for MNIST) each scaled to pixel / 255, output 'probabilities' float32 [N, K];\n"
                        + "the scaling and where the model came from are in its metadata.\n"
                        + "--format dl4j writes DIR/model.zip with DL4J's own DenseLayer and Adam in place of this job's\n"
                        + "classes: it loads with ModelSerializer and DL4J 1.0.0-M2 alone. Examples:\n"
                        + "  submit/local.sh export --model runs/mnist-1/model.zip --format onnx --output runs/onnx-1\n"
                        + "  submit/local.sh describe --model runs/onnx-1/model.onnx\n",
                OWN, Flag.PUBLISHING_JOB);
    }

    @Override
    int run(Settings settings) {
        ExportJob.run(ExportJobConfig.from(settings));
        return Main.OK;
    }
}
