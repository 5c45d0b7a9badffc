package dev.sparknet.cli;

import dev.sparknet.bench.BenchResult;
import dev.sparknet.config.BenchJobConfig;
import dev.sparknet.config.Settings;
import dev.sparknet.jobs.BenchJob;
import dev.sparknet.training.ConsoleProgress;

import java.util.List;

/** Flags of the `bench` job: the mnist flags plus the accuracy target. */
final class BenchCommand extends Command {
    private static final List<Flag> OWN = Flag.table("""
            --target-accuracy A  test accuracy (0..1) whose time-to-reach is reported
            --gemm-seconds S     how long to measure matrix-multiply speed
            --skip-single        skip the single-JVM comparison
            """);

    BenchCommand() {
        super("bench",
                "measure gemm roofline, single-JVM and distributed training speed and accuracy in one run",
                "Writes DIR/bench.json and DIR/learning_curves.png (single JVM vs distributed, plain and with elastic\n"
                        + "distortions; --augment none skips the latter) and prints a summary table. Example:\n"
                        + "  submit/local.sh bench --data ../shared/datasets/mnist --output runs/bench-1\n",
                OWN, new MnistCommand().flags());
    }

    @Override
    int run(Settings settings) {
        BenchJobConfig config = BenchJobConfig.from(settings);
        BenchResult result = BenchJob.run(config,
                ConsoleProgress.forDriver(config.mnist().master(), config.mnist().training().epochs()));
        System.out.print(BenchTable.render(result));
        return Main.OK;
    }
}
