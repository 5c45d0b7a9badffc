package dev.sparknet.cli;

import dev.sparknet.config.EvaluateJobConfig;
import dev.sparknet.config.Settings;
import dev.sparknet.jobs.EvaluateJob;

import java.util.List;

/** Flags of the `evaluate` job. */
final class EvaluateCommand extends Command {
    private static final List<Flag> OWN = Flag.table("""
            --model FILE      a model.zip written by the mnist job (any Hadoop path)
            --data DIR        directory with t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz], or a Parquet
                              dataset (its test/ table scored; see convert --help); without it, the --dataset cache,
                              fetched on first use
            --dataset mnist|fashion-mnist  without --data: the public set read from $SPARKNET_DATA_DIR/<set> (default
                              ~/.cache/sparknet/<set>)
            --output DIR      where to publish metrics.json; must not exist yet
            --batch N         examples per scoring minibatch
            --workers N       parallel scoring tasks (0 = Spark's default parallelism)
            --test-limit N    score only the first N test images (0 = all)
            """);

    EvaluateCommand() {
        super("evaluate",
                "score a saved model on the held-out MNIST test split, distributed",
                "Writes DIR/metrics.json (test_accuracy, per-class precision/recall/F1, confusion matrix). Example:\n"
                        + "  submit/local.sh evaluate --model runs/mnist-1/model.zip --data ../shared/datasets/mnist --output runs/eval-1\n",
                OWN, Flag.SPARK_STAGING, Flag.PUBLISHING_JOB);
    }

    @Override
    int run(Settings settings) {
        EvaluateJob.run(EvaluateJobConfig.from(settings));
        return Main.OK;
    }
}
