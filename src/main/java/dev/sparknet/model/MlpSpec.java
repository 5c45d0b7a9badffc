package dev.sparknet.model;

import java.io.Serializable;
import java.util.List;

/**
 * A multilayer perceptron: input width, hidden widths (ReLU), output width, and how it is trained
 * (Adam's learning rate, initialisation seed). Classifiers end in softmax with cross-entropy;
 * regressors in identity with mean squared error.
 */
public record MlpSpec(int inputs, List<Integer> hidden, int outputs, Head head, double learningRate, long seed)
        implements Serializable {

    public enum Head { SOFTMAX_CROSS_ENTROPY, IDENTITY_MSE }

    public MlpSpec {
        hidden = List.copyOf(hidden);
    }

    /** Number of weights and biases, e.g. 784-1568-10 has 1,246,570. */
    public long parameterCount() {
        return parameterCount(layers());
    }

    /** The same for layer sizes from input to output, as Spark ML's {@code layers} gives them. */
    public static long parameterCount(int[] layers) {
        long total = 0;
        for (int l = 0; l + 1 < layers.length; l++) {
            total += (long) layers[l] * layers[l + 1] + layers[l + 1];
        }
        return total;
    }

    /** Input width, hidden widths, output width. */
    public int[] layers() {
        int[] layers = new int[hidden.size() + 2];
        layers[0] = inputs;
        for (int i = 0; i < hidden.size(); i++) {
            layers[i + 1] = hidden.get(i);
        }
        layers[layers.length - 1] = outputs;
        return layers;
    }

    /**
     * Floating-point operations to train on one example: forward (2 per weight), the weight gradient
     * (2 per weight), and the gradient with respect to every layer's input but the first (2 per weight).
     */
    public long trainingFlopsPerExample() {
        long flops = 0;
        int in = inputs;
        boolean first = true;
        for (int width : hidden) {
            flops += (first ? 4L : 6L) * in * width;
            in = width;
            first = false;
        }
        return flops + (first ? 4L : 6L) * in * outputs;
    }

    public String describe() {
        StringBuilder s = new StringBuilder().append(inputs);
        hidden.forEach(h -> s.append('-').append(h));
        return s.append('-').append(outputs).toString();
    }
}
