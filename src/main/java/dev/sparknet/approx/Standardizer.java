package dev.sparknet.approx;

import java.io.Serializable;

/**
 * Maps x and y = p(x) to zero mean and unit variance, and back. The statistics are exact, from the
 * sampling distribution itself (x uniform on the training range), not estimated from the samples:
 * x has mean (lo+hi)/2 and standard deviation (hi−lo)/√12; y's come from {@link Polynomial#mean}
 * and {@link Polynomial#variance}. A polynomial whose values run into the hundreds thus reaches the
 * network as numbers of order one, so one learning rate suits every target. The four numbers are
 * metrics.json's {@code standardization}: with them the first layer's weights read in x's units.
 */
public record Standardizer(double xMean, double xStd, double yMean, double yStd) implements Serializable {

    public Standardizer {
        if (!(xStd > 0) || !(yStd > 0) || !Double.isFinite(xStd) || !Double.isFinite(yStd)) {
            throw new IllegalArgumentException("standard deviations must be positive and finite, got " + xStd + " and " + yStd);
        }
    }

    public static Standardizer of(Polynomial target, Interval range) {
        return new Standardizer((range.lo() + range.hi()) / 2, range.width() / Math.sqrt(12),
                target.mean(range.lo(), range.hi()), Math.sqrt(target.variance(range.lo(), range.hi())));
    }

    public double x(double x) {
        return (x - xMean) / xStd;
    }

    public double y(double y) {
        return (y - yMean) / yStd;
    }

    /** A standardised network output back in the target's units. */
    public double unY(double standardized) {
        return standardized * yStd + yMean;
    }

    /** The target's variance over the range: the MSE of always predicting its mean, the scale for every MSE. */
    public double yVariance() {
        return yStd * yStd;
    }
}
