package dev.sparknet.cli;

import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.config.Settings;
import dev.sparknet.spark.SparkContexts;

import java.util.List;

/** Flags of the `describe` job: print a saved model's provenance without loading the network or Spark. */
final class DescribeCommand extends Command {
    DescribeCommand() {
        super("describe",
                "print where a saved model came from: settings, data checksums, metrics, code version",
                "Prints the model's sparknet/provenance.json (the run's metrics.json) to stdout. Example:\n"
                        + "  submit/local.sh describe --model runs/mnist-1/model.zip\n",
                List.of(
                        Flag.value("model", "FILE", "a model.zip written by the mnist job (any Hadoop path)"),
                        Flag.CONF, Flag.VERBOSE, Flag.HELP));
    }

    @Override
    int run(Settings settings) {
        System.out.print(ModelStore.describe(settings.required("model"), SparkContexts.hadoopConfigurationBeforeSpark()));
        return Main.OK;
    }
}
