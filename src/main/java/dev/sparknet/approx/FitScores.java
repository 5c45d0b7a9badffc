package dev.sparknet.approx;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The kept network scored on held-out points inside and outside the training range, and its curve over
 * the plotted span (curve.csv and fit.png).
 *
 * @param outOfRangePoints how many points scored {@code mseOutOfRange}: none when the span adds nothing to the range
 */
record FitScores(double mseInRange, double mseOutOfRange, int outOfRangePoints, FitCurve curve) {

    static FitScores of(ApproxJobConfig config, Standardizer standardizer, MultiLayerNetwork network) {
        long seed = config.training().seed();
        Probe inRange = Probe.of(SampleGenerator.xs(seed, SampleGenerator.Stream.TEST_IN_RANGE, config.testSamples(),
                config.range()), config.target(), standardizer);
        Probe outOfRange = Probe.of(SampleGenerator.outside(seed, config.testSamples(), config.range(), config.span()),
                config.target(), standardizer);
        double[] x = new double[config.curvePoints()];
        for (int i = 0; i < x.length; i++) {
            x[i] = config.span().at((double) i / (x.length - 1));
        }
        FitCurve curve = new FitCurve(x, Regression.apply(config.target()::evaluate, x),
                Regression.predict(network, standardizer, x));
        return new FitScores(inRange.mse(network), outOfRange.mse(network), outOfRange.size(), curve);
    }
}
