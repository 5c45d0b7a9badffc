package dev.sparknet.training;

import java.io.Serializable;

/**
 * How the parameter-averaging loop runs.
 *
 * @param workers            parallel training tasks per round; 0 means Spark's default parallelism
 * @param averagingFrequency minibatches each worker fits between two parameter averagings
 * @param prefetch           minibatches each worker loads ahead of the one it is fitting
 * @param learningRate       Adam's learning rate for each epoch
 */
public record TrainingConfig(int epochs, int batchSize, int averagingFrequency, int workers, int prefetch, long seed,
                             LearningRateSchedule learningRate)
        implements Serializable {
}
