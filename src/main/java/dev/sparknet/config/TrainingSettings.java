package dev.sparknet.config;

import dev.sparknet.data.Holdout;
import dev.sparknet.training.LearningRateSchedule;
import dev.sparknet.training.TrainingConfig;

/** The training flags every training job shares, read into the training loop's {@link TrainingConfig}. */
public final class TrainingSettings {
    /** {@code --epochs auto}: train until early stopping, at most this many epochs. */
    public static final int AUTO_MAX_EPOCHS = 100;

    private TrainingSettings() {
    }

    public static TrainingConfig from(Settings s) {
        double decay = s.positiveDouble("lr-decay");
        if (decay > 1) {
            throw s.bad("lr-decay", "must be in (0, 1]: the factor the learning rate is multiplied by after each epoch");
        }
        boolean auto = s.string("epochs", "").equals("auto");
        int epochs = auto ? AUTO_MAX_EPOCHS : s.positiveInt("epochs");
        Holdout holdout = holdout(s);
        int patience = s.nonNegativeInt("patience");
        String schedule = s.string("lr-schedule", "exponential");
        if (!holdout.any()) {
            String needs = patience > 0 ? "patience" : auto ? "epochs" : schedule.equals("plateau") ? "lr-schedule" : null;
            if (needs != null) {
                throw s.bad(needs, "needs a validation split to decide on: add --validation N (e.g. 5000 training "
                        + "images held out; the test split is never used to decide)");
            }
        }
        if (auto && patience == 0) {
            throw s.bad("epochs", "auto stops when validation accuracy has not improved for --patience epochs: "
                    + "set --patience P (e.g. 3)");
        }
        if (auto && schedule.equals("cosine")) {
            throw s.bad("lr-schedule", "cosine needs a known number of epochs, not --epochs auto: use plateau or exponential");
        }
        LearningRateSchedule rate = switch (schedule) {
            case "exponential" -> new LearningRateSchedule(s.positiveDouble("learning-rate"), decay, 0, false);
            case "cosine" -> new LearningRateSchedule(s.positiveDouble("learning-rate"), decay, epochs, false);
            case "plateau" -> new LearningRateSchedule(s.positiveDouble("learning-rate"), decay, 0, true);
            default -> throw s.bad("lr-schedule", "expected exponential, cosine or plateau");
        };
        return new TrainingConfig(epochs, s.positiveInt("batch"),
                s.positiveInt("averaging-frequency"), s.nonNegativeInt("workers"), s.nonNegativeInt("prefetch"),
                s.anyLong("seed"), rate, holdout, patience);
    }

    /** {@code --validation N} images, or {@code P%} of the training file. */
    private static Holdout holdout(Settings s) {
        String value = s.string("validation", "0");
        long seed = s.anyLong("validation-seed");
        if (value.endsWith("%")) {
            double percent;
            try {
                percent = Double.parseDouble(value.substring(0, value.length() - 1).trim());
            } catch (NumberFormatException e) {
                percent = -1;
            }
            if (!(percent >= 0 && percent < 50)) {
                throw s.bad("validation", "expected a number of training images or a share below 50%, e.g. 5000 or 8%");
            }
            return new Holdout(0, percent, seed);
        }
        return new Holdout(s.nonNegativeInt("validation"), 0, seed);
    }
}
