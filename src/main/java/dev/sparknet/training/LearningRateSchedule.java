package dev.sparknet.training;

import java.io.Serializable;

/**
 * Adam's learning rate per epoch: {@code initial x decay^(epoch-1)}. A decaying rate lets the first
 * epochs move fast and the last ones settle, which is what takes an MLP from ~97% to ~98% on MNIST.
 * With {@code cosineEpochs > 0} the rate also follows half a cosine over that many epochs,
 * {@code x (1 + cos(pi (epoch-1) / cosineEpochs)) / 2}: long runs on fresh distortions keep a high rate
 * for longer and still end near zero. With {@code onPlateau} the rate is instead multiplied by the decay
 * only after an epoch that did not improve the validation accuracy (reduce on plateau): it follows the
 * data, not a count of epochs tuned on MNIST.
 */
public record LearningRateSchedule(double initial, double decayPerEpoch, int cosineEpochs, boolean onPlateau)
        implements Serializable {
    public LearningRateSchedule(double initial, double decayPerEpoch) {
        this(initial, decayPerEpoch, 0, false);
    }

    public LearningRateSchedule(double initial, double decayPerEpoch, int cosineEpochs) {
        this(initial, decayPerEpoch, cosineEpochs, false);
    }

    /** The rate of {@code epoch} on a fixed schedule (on plateau: as if every epoch had improved). */
    public double forEpoch(int epoch) {
        return forEpoch(epoch, 0);
    }

    /** The rate of {@code epoch} after {@code plateaus} epochs that did not improve the validation accuracy. */
    public double forEpoch(int epoch, int plateaus) {
        if (onPlateau) {
            return initial * Math.pow(decayPerEpoch, plateaus);
        }
        double rate = initial * Math.pow(decayPerEpoch, epoch - 1);
        if (cosineEpochs > 0) {
            rate *= (1 + Math.cos(Math.PI * Math.min(epoch - 1, cosineEpochs) / cosineEpochs)) / 2;
        }
        return rate;
    }
}
