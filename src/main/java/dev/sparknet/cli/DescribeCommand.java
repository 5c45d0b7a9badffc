package dev.sparknet.cli;

import dev.sparknet.config.Settings;
import dev.sparknet.jobs.DescribeJob;
import dev.sparknet.jobs.SparkContexts;

import java.util.List;

/** Flags of the `describe` job: print what a saved or exported model is without loading the network or Spark. */
final class DescribeCommand implements Command {
    @Override
    public String name() {
        return "describe";
    }

    @Override
    public String summary() {
        return "print where a saved model came from (settings, data checksums, metrics), or what an export holds";
    }

    @Override
    public String epilog() {
        return "Prints a model.zip's sparknet/provenance.json (the run's metrics.json; for a dl4j export also its layers)\n"
                + "or, for a model.onnx, its inputs, outputs, operators, weights and metadata, as JSON. Examples:\n"
                + "  submit/local.sh describe --model runs/mnist-1/model.zip\n"
                + "  submit/local.sh describe --model runs/onnx-1/model.onnx\n";
    }

    @Override
    public List<Flag> flags() {
        return List.of(
                Flag.value("model", "FILE", "a model.zip (mnist job or dl4j export) or a model.onnx (any Hadoop path)"),
                Flag.CONF, Flag.VERBOSE, Flag.HELP);
    }

    @Override
    public int run(Settings settings) {
        System.out.print(DescribeJob.describe(settings.required("model"), SparkContexts.hadoopConfigurationBeforeSpark()));
        return Main.OK;
    }
}
