package dev.sparknet.approx;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The first layer as the tutorial prints it, in the network's standardised units, plus where each unit's
 * kink lies in x itself: a ReLU network is piecewise linear, and kinks outside the range are wasted units.
 * A unit with weight 0 has no kink (null).
 */
public record FirstLayer(String units, List<Double> weights, List<Double> biases, List<Double> kinksX) {
    static final String UNITS = "standardised: unit j computes relu(weights[j] * (x - x_mean) / x_std + biases[j])";

    public FirstLayer {
        weights = List.copyOf(weights);
        biases = List.copyOf(biases);
        kinksX = Collections.unmodifiableList(new ArrayList<>(kinksX)); // List.copyOf refuses the nulls of weightless units
    }

    static FirstLayer of(MultiLayerNetwork network, Standardizer standardizer) {
        double[] w = network.getLayer(0).getParam("W").castTo(DataType.DOUBLE).data().asDouble();
        double[] b = network.getLayer(0).getParam("b").castTo(DataType.DOUBLE).data().asDouble();
        List<Double> weights = new ArrayList<>();
        List<Double> biases = new ArrayList<>();
        List<Double> kinks = new ArrayList<>();
        for (int j = 0; j < w.length; j++) {
            weights.add(w[j]);
            biases.add(b[j]);
            kinks.add(w[j] == 0 ? null : -b[j] / w[j] * standardizer.xStd() + standardizer.xMean());
        }
        return new FirstLayer(UNITS, weights, biases, kinks);
    }
}
