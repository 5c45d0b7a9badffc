package dev.sparknet.training;

import dev.sparknet.data.Holdout;

import java.io.Serializable;

/**
 * How the parameter-averaging loop runs.
 *
 * @param epochs             epochs to train, or at most this many when early stopping ({@code patience > 0})
 * @param workers            parallel training tasks per round; 0 means Spark's default parallelism
 * @param averagingFrequency minibatches each worker fits between two parameter averagings
 * @param prefetch           minibatches each worker loads ahead of the one it is fitting
 * @param learningRate       Adam's learning rate for each epoch
 * @param holdout            training images held out as the validation split (size 0 = none)
 * @param patience           stop when validation accuracy has not improved for this many epochs (0 = never)
 */
public record TrainingConfig(int epochs, int batchSize, int averagingFrequency, int workers, int prefetch, long seed,
                             LearningRateSchedule learningRate, Holdout holdout, int patience)
        implements Serializable {

    /** Without a validation split or early stopping. */
    public TrainingConfig(int epochs, int batchSize, int averagingFrequency, int workers, int prefetch, long seed,
                          LearningRateSchedule learningRate) {
        this(epochs, batchSize, averagingFrequency, workers, prefetch, seed, learningRate, Holdout.NONE, 0);
    }

    public boolean validates() {
        return holdout.any();
    }
}
