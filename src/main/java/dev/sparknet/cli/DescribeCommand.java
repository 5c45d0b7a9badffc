package dev.sparknet.cli;

import dev.sparknet.config.Settings;
import dev.sparknet.jobs.DescribeJob;
import dev.sparknet.spark.SparkContexts;

import java.util.List;

/** Flags of the `describe` job: print what a saved or exported model is without loading the network or Spark. */
final class DescribeCommand extends Command {
    private static final List<Flag> OWN = Flag.table("""
            --model FILE  a model.zip (mnist job or dl4j export) or a model.onnx (any Hadoop path)
            """);

    DescribeCommand() {
        super("describe",
                "print where a saved model came from (settings, data checksums, metrics), or what an export holds",
                "Prints a model.zip's sparknet/provenance.json (the run's metrics.json; for a dl4j export also its layers)\n"
                        + "or, for a model.onnx, its inputs, outputs, operators, weights and metadata, as JSON. Examples:\n"
                        + "  submit/local.sh describe --model runs/mnist-1/model.zip\n"
                        + "  submit/local.sh describe --model runs/onnx-1/model.onnx\n",
                OWN, Flag.EVERY_JOB);
    }

    @Override
    int run(Settings settings) {
        System.out.print(DescribeJob.describe(settings.required("model"), SparkContexts.hadoopConfigurationBeforeSpark()));
        return Main.OK;
    }
}
