package dev.sparknet.approx;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.DoubleUnaryOperator;

/** A one-input, one-output network used as a function of x in the target's own units. */
final class Regression {
    private Regression() {
    }

    /** The network's predictions at {@code xs}, standardised on the way in and back on the way out. */
    static double[] predict(MultiLayerNetwork network, Standardizer standardizer, double[] xs) {
        if (xs.length == 0) {
            return new double[0];
        }
        double[] in = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            in[i] = standardizer.x(xs[i]);
        }
        INDArray features = Nd4j.create(in, new long[]{xs.length, 1}, 'c').castTo(network.params().dataType());
        double[] out = network.output(features, false).castTo(DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < out.length; i++) {
            out[i] = standardizer.unY(out[i]);
        }
        return out;
    }

    static double[] apply(DoubleUnaryOperator f, double[] xs) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = f.applyAsDouble(xs[i]);
        }
        return out;
    }

    /** Mean squared difference; NaN for no points. */
    static double mse(double[] predicted, double[] actual) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + actual.length + " targets");
        }
        double sum = 0;
        for (int i = 0; i < predicted.length; i++) {
            double d = predicted[i] - actual[i];
            sum += d * d;
        }
        return predicted.length == 0 ? Double.NaN : sum / predicted.length;
    }
}
