package dev.sparknet.cli;

import dev.sparknet.config.PredictJobConfig;
import dev.sparknet.config.Settings;
import dev.sparknet.jobs.PredictJob;
import dev.sparknet.jobs.Prediction;

import java.util.List;

/** Flags of the `predict` job. */
final class PredictCommand extends Command {
    private static final List<Flag> OWN = Flag.table("""
            --model FILE        a model.zip written by the mnist job (any Hadoop path)
            --input PATH        a directory of .png/.jpg/.jpeg images, one image, or an IDX images file (.gz or raw)
            --output DIR        where to publish predictions.csv; must not exist yet
            --batch N           images per scoring minibatch
            --workers N         parallel scoring tasks (0 = Spark's default parallelism)
            --show N            print the top guesses for the first N inputs
            --skip-bad-images   classify the readable images and list the others, with the reason, in skipped.csv (by default
                                one bad image stops the job and nothing is published)
            """);

    PredictCommand() {
        super("predict",
                "classify PNG/JPEG images or an IDX images file with a saved model, distributed",
                "Writes DIR/predictions.csv: a header, then one row per image in input order (name = file name, or\n"
                        + "the index in an IDX file; the predicted class; p0..p(K-1), the probability of each of the model's\n"
                        + "K classes). PNG/JPEG images of any size are converted to grey squares of the model's input size\n"
                        + "(28x28 for 784 inputs) as MNIST was made: white digit on black (a mostly white image is inverted),\n"
                        + "its bounding box scaled to 20/28 of the side and centred by mass. IDX images must match the model.\n"
                        + "Example:\n"
                        + "  submit/local.sh predict --model runs/mnist-1/model.zip --input my-digits/ --output runs/predict-1\n",
                OWN, Flag.SPARK, Flag.PUBLISHING_JOB);
    }

    @Override
    int run(Settings settings) {
        PredictJobConfig config = PredictJobConfig.from(settings);
        List<Prediction> predictions = PredictJob.run(config);
        for (Prediction p : predictions.subList(0, Math.min(config.show(), predictions.size()))) {
            System.out.println(p.name() + ": " + p.topGuesses(3));
        }
        return Main.OK;
    }
}
