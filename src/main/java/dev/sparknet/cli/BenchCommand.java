package dev.sparknet.cli;

import dev.sparknet.BadInputException;
import dev.sparknet.bench.BenchResult;
import dev.sparknet.config.BenchJobConfig;
import dev.sparknet.config.DepthVsWidthConfig;
import dev.sparknet.config.MllibBenchConfig;
import dev.sparknet.config.Settings;
import dev.sparknet.jobs.BenchJob;
import dev.sparknet.mlbench.DepthVsWidthBench;
import dev.sparknet.mlbench.MllibBench;
import dev.sparknet.training.ConsoleProgress;

import java.util.List;

/** Flags of the `bench` job: the mnist flags plus the accuracy target, and the two Spark ML comparisons. */
final class BenchCommand extends Command {
    private static final List<Flag> OWN = Flag.table("""
            --target-accuracy A  test accuracy (0..1) whose time-to-reach is reported
            --gemm-seconds S     how long to measure matrix-multiply speed
            --skip-single        skip the single-JVM comparison
            """);

    /** `bench --mllib` and `bench --depth-vs-width`: two Spark ML runs, each instead of the usual bench. */
    private static final List<Flag> SPARK_ML = Flag.table("""
            --mllib                  instead: MlpClassifier vs MLlib's MultilayerPerceptronClassifier in the same Spark
                                     ML Pipeline on the same DataFrame; time to each of --levels (bench-mllib.json)
            --mllib-hidden W[,W...]  --mllib: hidden widths of both networks (not --hidden: at 1568 MLlib's L-BFGS is
                                     far too slow for a run of minutes; see README)
            --mllib-epochs E         --mllib: MlpClassifier's epochs, each epoch's model scored
            --mllib-iterations N     --mllib: MLlib's L-BFGS iterations at most
            --mllib-chunk N          --mllib: L-BFGS iterations per MLlib fit; each fit continues from the last one's
                                     weights, and is scored
            --mllib-minutes M        --mllib: MLlib's time cap: no fit starts that would end past M minutes of MLlib
                                     fits and scoring
            --levels A[,A...]        --mllib: test accuracies whose time-to-reach is compared
            --depth-vs-width         instead: CrossValidator over --cv-shapes x seeds x learning rates of MlpClassifier;
                                     is a stack of layers less sensitive than one wide layer? (depth-vs-width.json)
            --cv-shapes W[,W...][/...]  --depth-vs-width: hidden widths of each network compared, '/' between networks
            --cv-seeds N             --depth-vs-width: seeds per shape: --seed, --seed + 1, ...
            --cv-learning-rates LR[,LR...]  --depth-vs-width: Adam's first-epoch learning rates per shape and seed
            --cv-folds K             --depth-vs-width: CrossValidator's folds
            --cv-epochs E            --depth-vs-width: epochs of every fit
            --cv-rows N              --depth-vs-width: cross-validate on the first N training images (0 = all)
            """);

    BenchCommand() {
        super("bench",
                "measure gemm roofline, single-JVM and distributed training speed and accuracy in one run",
                "Writes DIR/bench.json and DIR/learning_curves.png (single JVM vs distributed, plain and with elastic\n"
                        + "distortions; --augment none skips the latter) and prints a summary table. Example:\n"
                        + "  submit/local.sh bench --data ../shared/datasets/mnist --output runs/bench-1\n"
                        + "--mllib and --depth-vs-width run Spark ML comparisons instead (one at a time), with --data,\n"
                        + "--output, --seed, --batch, --learning-rate (--mllib), --lr-decay (every epoch), --averaging-frequency,\n"
                        + "--workers, --train-limit (--mllib), --test-limit, --master and --work-dir; the other training flags\n"
                        + "do not apply. Examples:\n"
                        + "  submit/local.sh bench --mllib --data ../shared/datasets/mnist --output runs/mllib-1\n"
                        + "  submit/local.sh bench --depth-vs-width --data ../shared/datasets/mnist --output runs/depth-1\n",
                OWN, SPARK_ML, new MnistCommand().flags());
    }

    @Override
    int run(Settings settings) {
        if (settings.flag("mllib") && settings.flag("depth-vs-width")) {
            throw new BadInputException("--mllib and --depth-vs-width are two separate runs; give one of them");
        }
        if (settings.flag("mllib")) {
            System.out.print(SparkMlTables.render(MllibBench.run(MllibBenchConfig.from(settings))));
            return Main.OK;
        }
        if (settings.flag("depth-vs-width")) {
            System.out.print(SparkMlTables.render(DepthVsWidthBench.run(DepthVsWidthConfig.from(settings))));
            return Main.OK;
        }
        BenchJobConfig config = BenchJobConfig.from(settings);
        BenchResult result = BenchJob.run(config,
                ConsoleProgress.forDriver(config.mnist().master(), config.mnist().training().epochs()));
        System.out.print(BenchTable.render(result));
        return Main.OK;
    }
}
