package dev.sparknet.cli;

import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.config.Settings;
import dev.sparknet.spark.SparkContexts;

import java.util.List;

/** Flags of the `describe` job: print a saved model's provenance without loading the network or Spark. */
final class DescribeCommand implements Command {
    @Override
    public String name() {
        return "describe";
    }

    @Override
    public String summary() {
        return "print where a saved model came from: settings, data checksums, metrics, code version";
    }

    @Override
    public String epilog() {
        return "Prints the model's sparknet/provenance.json (the run's metrics.json) to stdout. Example:\n"
                + "  submit/local.sh describe --model runs/mnist-1/model.zip\n";
    }

    @Override
    public List<Flag> flags() {
        return List.of(
                Flag.value("model", "FILE", "a model.zip written by the mnist job (any Hadoop path)"),
                Flag.CONF, Flag.VERBOSE, Flag.HELP);
    }

    @Override
    public int run(Settings settings) {
        System.out.print(ModelStore.describe(settings.required("model"), SparkContexts.hadoopConfigurationBeforeSpark()));
        return Main.OK;
    }
}
