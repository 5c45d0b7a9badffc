package dev.sparknet.config;

import dev.sparknet.training.LearningRateSchedule;
import dev.sparknet.training.TrainingConfig;

/** The training flags every training job shares, read into the training loop's {@link TrainingConfig}. */
public final class TrainingSettings {
    private TrainingSettings() {
    }

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
