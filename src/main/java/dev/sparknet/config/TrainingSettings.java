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
        Holdout holdout = new Holdout(s.nonNegativeInt("validation"), s.anyLong("validation-seed"));
        int patience = s.nonNegativeInt("patience");
        String schedule = s.string("lr-schedule", "exponential");
        if (holdout.size() == 0) {
            for (String needs : new String[]{"patience", "epochs", "lr-schedule"}) {
                boolean uses = switch (needs) {
                    case "patience" -> patience > 0;
                    case "epochs" -> auto;
                    default -> schedule.equals("plateau");
                };
                if (uses) {
                    throw s.bad(needs, "needs a validation split to decide on: add --validation N (e.g. 5000 training "
                            + "images held out; the test split is never used to decide)");
                }
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
}
