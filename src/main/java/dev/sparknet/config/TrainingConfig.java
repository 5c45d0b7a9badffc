package dev.sparknet.config;

import dev.sparknet.training.LearningRateSchedule;

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

    public static TrainingConfig from(Settings s) {
        double decay = s.positiveDouble("lr-decay");
        if (decay > 1) {
            throw s.bad("lr-decay", "must be in (0, 1]: the factor the learning rate is multiplied by after each epoch");
        }
        int epochs = s.positiveInt("epochs");
        int cosineEpochs = switch (s.string("lr-schedule", "exponential")) {
            case "exponential" -> 0;
            case "cosine" -> epochs;
            default -> throw s.bad("lr-schedule", "expected exponential or cosine");
        };
        return new TrainingConfig(epochs, s.positiveInt("batch"),
                s.positiveInt("averaging-frequency"), s.nonNegativeInt("workers"), s.nonNegativeInt("prefetch"),
                s.anyLong("seed"), new LearningRateSchedule(s.positiveDouble("learning-rate"), decay, cosineEpochs));
    }
}
