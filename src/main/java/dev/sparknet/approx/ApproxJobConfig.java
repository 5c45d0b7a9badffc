package dev.sparknet.approx;

import dev.sparknet.config.Settings;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.training.LearningRateSchedule;
import dev.sparknet.training.TrainingConfig;

import java.util.List;
import java.util.Map;

/**
 * Everything one `approx` run needs, validated once.
 *
 * @param target            the polynomial to learn
 * @param range             where training, validation and in-range test samples are drawn
 * @param span              the plotted span; its part outside {@code range} is where out-of-range points are drawn
 * @param samples           training samples (one pass over them is an epoch)
 * @param restarts          networks trained from different seeds; the best on the validation sample is kept
 * @param screenEpochs      with more than {@code keep} restarts, every restart trains this many epochs first
 * @param keep              how many restarts, the best on the validation sample after screening, train on to the end
 * @param validationSamples held-out points in {@code range} that choose among the restarts
 * @param testSamples       held-out points in {@code range}, and as many outside it, that score the kept network
 */
public record ApproxJobConfig(String output, String master, Polynomial target, Interval range, Interval span,
                              List<Integer> hidden, TrainingConfig training, int samples, int restarts,
                              int screenEpochs, int keep,
                              int validationSamples, int testSamples, int curvePoints, boolean overwrite,
                              Map<String, String> settings) {

    public ApproxJobConfig {
        hidden = List.copyOf(hidden);
        settings = Map.copyOf(settings);
    }

    public static ApproxJobConfig from(Settings s) {
        Polynomial target = polynomial(s, "coefficients");
        Interval range = interval(s, "range");
        Interval span = interval(s, "span");
        if (!span.encloses(range) || span.equals(range)) {
            throw s.bad("span", "must contain --range " + range + " and reach beyond it on at least one side "
                    + "(out-of-range points are drawn from the span outside the range)");
        }
        if (!(target.variance(range.lo(), range.hi()) > 1e-12 * Math.max(1, Math.abs(target.mean(range.lo(), range.hi()))))) {
            throw s.bad("coefficients", "is constant on --range " + range + "; there is nothing to learn");
        }
        double decay = s.positiveDouble("lr-decay");
        if (decay > 1) {
            throw s.bad("lr-decay", "must be in (0, 1]: the factor the learning rate is multiplied by after each epoch");
        }
        TrainingConfig training = new TrainingConfig(s.positiveInt("epochs"), s.positiveInt("batch"),
                s.positiveInt("averaging-frequency"), s.nonNegativeInt("workers"), 0, s.anyLong("seed"),
                new LearningRateSchedule(s.positiveDouble("learning-rate"), decay));
        int samples = s.positiveInt("samples");
        if (training.batchSize() > samples) {
            throw s.bad("batch", "is larger than --samples " + samples);
        }
        int curvePoints = s.positiveInt("curve-points");
        if (curvePoints < 2) {
            throw s.bad("curve-points", "must be at least 2");
        }
        return new ApproxJobConfig(s.required("output"), s.string("master", ""), target, range, span,
                s.positiveIntList("hidden"), training, samples, s.positiveInt("restarts"),
                s.positiveInt("screen-epochs"), s.positiveInt("keep"),
                s.positiveInt("validation-samples"), s.positiveInt("test-samples"), curvePoints, s.flag("overwrite"),
                s.asMap());
    }

    /** The network of restart {@code restart} (0-based): 1 input, the hidden ReLU layers, 1 linear output, MSE. */
    public MlpSpec network(int restart) {
        return new MlpSpec(1, hidden, 1, MlpSpec.Head.IDENTITY_MSE, training.learningRate().initial(),
                restartSeed(restart));
    }

    /** Seed of restart {@code restart}: weight initialisation and the order of its rounds. */
    public long restartSeed(int restart) {
        return training.seed() + 1_000_003L * restart;
    }

    private static Polynomial polynomial(Settings s, String key) {
        try {
            return Polynomial.parse(s.required(key));
        } catch (IllegalArgumentException e) {
            throw s.bad(key, e.getMessage());
        }
    }

    private static Interval interval(Settings s, String key) {
        try {
            return Interval.parse(s.required(key));
        } catch (IllegalArgumentException e) {
            throw s.bad(key, e.getMessage());
        }
    }
}
