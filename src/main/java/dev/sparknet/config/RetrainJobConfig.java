package dev.sparknet.config;

import dev.sparknet.model.MlpSpec;
import dev.sparknet.training.LearningRateSchedule;
import dev.sparknet.training.TrainingConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one `retrain` run needs. A cold start (no champion, or {@code --cold-start}) trains
 * {@code training.epochs()} epochs from {@code learningRate}; a warm start continues the champion for
 * {@code warmEpochs} epochs from {@code warmLearningRate}, both decaying by {@code training}'s factor.
 *
 * @param resume "" = start a new run; {@value #RESUME_LATEST} = the newest interrupted run (or a new
 *               run when there is none); otherwise the id of the run to continue
 */
public record RetrainJobConfig(String registry, DataChoice data, String workDir, String master, List<Integer> hidden,
                               double learningRate, double warmLearningRate, int warmEpochs, TrainingConfig training,
                               int trainLimit, int testLimit, double tolerance, String resume, boolean coldStart,
                               boolean breakStaleLock, Duration lockTimeout, String note, Map<String, String> settings) {
    public static final String RESUME_LATEST = "true";

    /** Settings that change what a run computes: a run may only be resumed with the same values. */
    static final List<String> TRAINING_KEYS = List.of("data", "dataset", "hidden", "epochs", "warm-epochs", "batch",
            "learning-rate", "warm-learning-rate", "lr-decay", "lr-schedule", "seed", "averaging-frequency", "workers",
            "train-limit", "test-limit", "validation", "validation-seed", "patience", "cold-start");

    public RetrainJobConfig {
        hidden = List.copyOf(hidden);
        settings = Map.copyOf(settings);
    }

    public static RetrainJobConfig from(Settings s) {
        double tolerance = s.anyDouble("tolerance");
        if (tolerance < 0 || tolerance >= 1) {
            throw s.bad("tolerance", "must be in [0, 1): the accuracy a challenger may lose and still be promoted");
        }
        TrainingConfig training = TrainingSettings.from(s);
        if (!training.validates()) {
            throw s.bad("validation", "retrain promotes on a validation split, never on the test split: hold out "
                    + "N > 0 training images (e.g. 5000)");
        }
        String resume = s.string("resume", "");
        if (resume.equalsIgnoreCase("false")) {
            resume = "";
        }
        return new RetrainJobConfig(s.required("registry"), DataChoice.from(s), s.string("work-dir", ""),
                s.string("master", ""), s.positiveIntList("hidden"), s.positiveDouble("learning-rate"),
                s.positiveDouble("warm-learning-rate"), s.positiveInt("warm-epochs"), training,
                s.nonNegativeInt("train-limit"), s.nonNegativeInt("test-limit"), tolerance, resume,
                s.flag("cold-start"), s.flag("break-stale-lock"), Duration.ofMinutes(s.positiveInt("lock-timeout")),
                s.string("note", ""), s.asMap());
    }

    public boolean resuming() {
        return !resume.isEmpty();
    }

    /** The training settings of a cold or a warm start. */
    public TrainingConfig training(boolean warm) {
        if (!warm) {
            return training;
        }
        LearningRateSchedule cold = training.learningRate();
        return new TrainingConfig(warmEpochs, training.batchSize(), training.averagingFrequency(), training.workers(),
                training.prefetch(), training.seed(), new LearningRateSchedule(warmLearningRate, cold.decayPerEpoch(),
                cold.cosineEpochs() > 0 ? warmEpochs : 0, cold.onPlateau()), training.holdout(), training.patience());
    }

    /** The network for images of {@code inputs} pixels and {@code classes} classes, both read from the data. */
    public MlpSpec network(int inputs, int classes) {
        return new MlpSpec(inputs, hidden, classes, MlpSpec.Head.SOFTMAX_CROSS_ENTROPY,
                learningRate, training.seed());
    }

    /** The settings that decide what the run computes, for run.json and the resume check. */
    public Map<String, String> trainingSettings() {
        Map<String, String> out = new TreeMap<>();
        for (String key : TRAINING_KEYS) {
            out.put(key, settings.getOrDefault(key, ""));
        }
        return out;
    }

    public String settingsHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(trainingSettings().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
