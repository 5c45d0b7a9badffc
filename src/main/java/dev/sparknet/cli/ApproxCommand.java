package dev.sparknet.cli;

import dev.sparknet.approx.ApproxJob;
import dev.sparknet.approx.ApproxJobConfig;
import dev.sparknet.config.Settings;

import java.util.List;

/** Flags of the `approx` job. */
final class ApproxCommand extends Command {
    private static final List<Flag> OWN = Flag.table("""
            --output DIR               where to publish metrics.json, curve.csv and fit.png; must not exist yet
            --coefficients C[,C...]    the target polynomial, highest degree first: 1,1,-1,-1 is x^3+x^2-x-1
            --range LO..HI             training range: x is drawn uniformly from it
            --span LO..HI              plotted span; its part outside --range is where mse_out_of_range is measured
            --hidden W[,W...]          hidden layer widths (ReLU)
            --samples N                training samples; one pass over them is an epoch
            --epochs N                 passes over the training samples
            --batch N                  minibatch size of each worker
            --learning-rate LR         Adam's learning rate in the first epoch
            --lr-decay F               factor the learning rate is multiplied by after each epoch (1 = constant)
            --restarts N               networks trained from different seeds; the best on the validation sample is kept
            --screen-epochs E          with more restarts than --keep, every restart trains E epochs first...
            --keep K                   ...then only the K best on the validation sample train on to --epochs
            --seed N                   seed of the samples, weight initialisation and round order
            --averaging-frequency N    minibatches each worker fits between parameter averagings
            --workers N                parallel training tasks (0 = Spark's default parallelism)
            --validation-samples N     held-out points in --range that choose the best restart
            --test-samples N           held-out points in --range, and as many outside it, that score the result
            --curve-points N           points of curve.csv and fit.png, evenly spaced over --span
            """);

    ApproxCommand() {
        super("approx",
                "universal approximation: a small network learns a polynomial from random samples; plot where it did",
                "Writes DIR/metrics.json, DIR/curve.csv and DIR/fit.png, all at once when training succeeded. Examples:\n"
                        + "  submit/local.sh approx --output runs/approx-1\n"
                        + "  submit/local.sh approx --coefficients 1,-14,-83,168,540 --output runs/approx-quartic\n"
                        + "  the tutorial's own run (one sample per step, 10,000 steps, one network):\n"
                        + "  submit/local.sh approx --batch 1 --samples 10000 --epochs 1 --learning-rate 0.01 --lr-decay 1 \\\n"
                        + "      --restarts 1 --workers 1 --averaging-frequency 10000 --output runs/approx-tutorial\n",
                OWN, Flag.SPARK, Flag.PUBLISHING_JOB);
    }

    @Override
    int run(Settings settings) {
        ApproxJob.run(ApproxJobConfig.from(settings));
        return Main.OK;
    }
}
