package dev.sparknet.config;

import java.io.Serializable;

/**
 * How the parameter-averaging loop runs.
 *
 * @param workers            parallel training tasks per round; 0 means Spark's default parallelism
 * @param averagingFrequency minibatches each worker fits between two parameter averagings
 * @param prefetch           minibatches each worker loads ahead of the one it is fitting
 */
public record TrainingConfig(int epochs, int batchSize, int averagingFrequency, int workers, int prefetch, long seed)
        implements Serializable {

    public static TrainingConfig from(Settings s) {
        return new TrainingConfig(s.positiveInt("epochs"), s.positiveInt("batch"),
                s.positiveInt("averaging-frequency"), s.nonNegativeInt("workers"), s.nonNegativeInt("prefetch"),
                s.anyLong("seed"));
    }
}
