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
        long total = 0;
        int in = inputs;
        for (int width : hidden) {
            total += (long) in * width + width;
            in = width;
        }
        return total + (long) in * outputs + outputs;
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
