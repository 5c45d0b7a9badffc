package dev.sparknet.cli;

import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.config.Settings;
import dev.sparknet.jobs.MnistJob;
import dev.sparknet.training.ConsoleProgress;

import java.util.List;

/** Flags of the `mnist` job. */
final class MnistCommand extends Command {
    private static final List<Flag> OWN = Flag.table("""
            --data DIR            directory with the four MNIST IDX files (.gz or raw), or a Parquet dataset (train/ and
                                  test/ tables of label and features, see convert --help): file:, hdfs:, s3a:; without
                                  it, the --dataset cache, fetched on first use
            --dataset mnist|fashion-mnist  without --data: the public set read from $SPARKNET_DATA_DIR/<set> (default
                                  ~/.cache/sparknet/<set>), fetched there (md5-checked) when missing
            --output DIR          where to publish model.zip and metrics.json; must not exist yet
            --epochs N|auto       passes over the training set; auto: until --patience runs out (at most 100)
            --hidden W[,W...]     hidden layer widths; 1568 is the tutorial's, 1568,1568 its deep variant
            --learning-rate LR    Adam's learning rate in the first epoch
            --lr-decay F          factor the learning rate is multiplied by after each epoch (1 = constant)
            """);

    /** Elastic distortions of the training images, and how many distorted examples make an epoch. */
    private static final List<Flag> AUGMENTATION = Flag.table("""
            --augment none|elastic    elastic: every training image distorted afresh each epoch, on the executors
                                      (the test split never)
            --elastic-alpha A         elastic: scale of the smoothed random displacement field (pixels)
            --elastic-sigma S         elastic: width of the Gaussian smoothing the field (pixels)
            --elastic-rotation DEG    elastic: rotation drawn from [-DEG, DEG] degrees
            --elastic-scale F         elastic: horizontal and vertical scale each drawn from [1-F, 1+F]
            --elastic-shear F         elastic: horizontal shear drawn from [-F, F]
            --elastic-translation PX  elastic: shift drawn from [-PX, PX] pixels each way
            --epoch-examples N        examples per epoch, rounded up to whole minibatches (0 = one per training image;
                                      more = repeated passes, each freshly distorted)
            """);

    MnistCommand() {
        super("mnist",
                "train a multilayer perceptron on MNIST with parameter averaging; score the held-out test split",
                "Writes DIR/model.zip (DL4J ModelSerializer, with updater state and sparknet/provenance.json),\n"
                        + "DIR/metrics.json, learning_curves.png, confusion_matrix.png, errors.png and report.html (and augment.png\n"
                        + "with --augment elastic), all at once when training succeeded. Examples:\n"
                        + "  submit/local.sh mnist --output runs/mnist-1          (MNIST fetched into the cache on first use)\n"
                        + "  submit/local.sh mnist --data ../shared/datasets/mnist --output runs/mnist-1\n"
                        + "  submit/local.sh mnist --conf conf/mnist-elastic.properties --data ../shared/datasets/mnist --output runs/elastic-1\n",
                OWN, Flag.SCHEDULE_AND_VALIDATION, AUGMENTATION, Flag.TRAINING_LOOP,
                Flag.SPARK_STAGING, Flag.PUBLISHING_JOB);
    }

    @Override
    int run(Settings settings) {
        MnistJobConfig config = MnistJobConfig.from(settings);
        MnistJob.run(config, ConsoleProgress.forDriver(config.master(), config.training().epochs()));
        return Main.OK;
    }
}
