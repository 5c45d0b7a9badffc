package dev.sparknet.approx;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Fixed points x with their targets y at which a network is scored on the driver, in the target's units.
 * The targets are computed once, so scoring a network after every epoch costs one forward pass.
 */
record Probe(double[] x, double[] y, Standardizer standardizer) {

    static Probe of(double[] x, Polynomial target, Standardizer standardizer) {
        return new Probe(x, Regression.apply(target::evaluate, x), standardizer);
    }

    /** Mean squared error of {@code network} on these points; NaN when there are none. */
    double mse(MultiLayerNetwork network) {
        return Regression.mse(Regression.predict(network, standardizer, x), y);
    }

    int size() {
        return x.length;
    }
}
