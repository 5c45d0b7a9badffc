package dev.sparknet.cli;

import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.config.Settings;
import dev.sparknet.jobs.MnistJob;
import dev.sparknet.training.ConsoleProgress;

import java.util.List;

/** Flags of the `mnist` job. */
final class MnistCommand extends Command {
    MnistCommand() {
        super("mnist",
                "train a multilayer perceptron on MNIST with parameter averaging; score the held-out test split",
                "Writes DIR/model.zip (DL4J ModelSerializer, with updater state and sparknet/provenance.json),\n"
                        + "DIR/metrics.json, learning_curves.png, confusion_matrix.png, errors.png and report.html (and augment.png\n"
                        + "with --augment elastic), all at once when training succeeded. Examples:\n"
                        + "  submit/local.sh mnist --data ../shared/datasets/mnist --output runs/mnist-1\n"
                        + "  submit/local.sh mnist --conf conf/mnist-elastic.properties --data ../shared/datasets/mnist --output runs/elastic-1\n",
                List.of(
                        Flag.value("data", "DIR", "directory with the four MNIST IDX files (.gz or raw): file:, hdfs:, s3a:"),
                        Flag.value("output", "DIR", "where to publish model.zip and metrics.json; must not exist yet"),
                        Flag.value("epochs", "N|auto", "passes over the training set; auto: until --patience runs out "
                                + "(at most 100)"),
                        Flag.value("hidden", "W[,W...]", "hidden layer widths; 1568 is the tutorial's, 1568,1568 its deep variant"),
                        Flag.BATCH,
                        Flag.value("learning-rate", "LR", "Adam's learning rate in the first epoch"),
                        Flag.value("lr-decay", "F", "factor the learning rate is multiplied by after each epoch (1 = constant)"),
                        Flag.LR_SCHEDULE, Flag.VALIDATION, Flag.VALIDATION_SEED, Flag.PATIENCE,
                        Flag.value("augment", "none|elastic", "elastic: every training image distorted afresh each epoch, "
                                + "on the executors (the test split never)"),
                        Flag.value("elastic-alpha", "A", "elastic: scale of the smoothed random displacement field (pixels)"),
                        Flag.value("elastic-sigma", "S", "elastic: width of the Gaussian smoothing the field (pixels)"),
                        Flag.value("elastic-rotation", "DEG", "elastic: rotation drawn from [-DEG, DEG] degrees"),
                        Flag.value("elastic-scale", "F", "elastic: horizontal and vertical scale each drawn from [1-F, 1+F]"),
                        Flag.value("elastic-shear", "F", "elastic: horizontal shear drawn from [-F, F]"),
                        Flag.value("elastic-translation", "PX", "elastic: shift drawn from [-PX, PX] pixels each way"),
                        Flag.value("epoch-examples", "N", "examples per epoch, rounded up to whole minibatches "
                                + "(0 = one per training image; more = repeated passes, each freshly distorted)"),
                        Flag.SEED,
                        Flag.AVERAGING_FREQUENCY,
                        Flag.WORKERS,
                        Flag.PREFETCH,
                        Flag.TRAIN_LIMIT,
                        Flag.TEST_LIMIT,
                        Flag.MASTER, Flag.WORK_DIR, Flag.CONF, Flag.OVERWRITE, Flag.VERBOSE, Flag.HELP));
    }

    @Override
    int run(Settings settings) {
        MnistJobConfig config = MnistJobConfig.from(settings);
        MnistJob.run(config, ConsoleProgress.forDriver(config.master(), config.training().epochs()));
        return Main.OK;
    }
}
