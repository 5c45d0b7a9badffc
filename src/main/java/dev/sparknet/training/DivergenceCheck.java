package dev.sparknet.training;

import java.io.Serializable;

/**
 * Decides when a run has diverged: the loss is NaN or infinite, or (for classifiers) far above the
 * loss of guessing. A softmax classifier that predicts every class equally scores ln(classes); a run
 * whose loss sits at three times that has stopped learning (too high a learning rate typically leaves
 * the loss finite but large, and the model at chance), so publishing it would only hide the failure.
 */
public record DivergenceCheck(double maxLoss) implements Serializable {
    public static final DivergenceCheck NON_FINITE_ONLY = new DivergenceCheck(Double.POSITIVE_INFINITY);

    public static DivergenceCheck forClassifier(int classes) {
        return new DivergenceCheck(3 * Math.log(classes));
    }

    /** Throws {@link TrainingDivergedException} describing where the run is when the loss says it diverged. */
    public void check(double loss, String where) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException("training diverged " + where + ": the loss became " + loss
                    + "; lower --learning-rate");
        }
        if (loss > maxLoss) {
            throw new TrainingDivergedException(String.format(
                    "training diverged %s: the loss reached %.2f, over 3x the %.2f of guessing; lower --learning-rate",
                    where, loss, maxLoss / 3));
        }
    }
}
