package dev.sparknet.ml;

import dev.sparknet.model.MlpSpec;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A trained classifier as plain arrays: per layer, weights [in][out] row-major and biases; ReLU between layers,
 * the last layer's outputs are the raw scores (softmax of them is the probability). Prediction needs no ND4J, so
 * a model transforms a DataFrame on executors that never trained, and it is small to broadcast and to save.
 *
 * A class, not a record: Spark's Kryo (which broadcasts it) cannot build records.
 */
public final class MlpWeights implements Serializable {
    private final int[] layers;
    private final float[][] weights;
    private final float[][] biases;

    /** @param layers input size, hidden widths..., number of classes */
    public MlpWeights(int[] layers, float[][] weights, float[][] biases) {
        if (layers.length < 2 || weights.length != layers.length - 1 || biases.length != layers.length - 1) {
            throw new IllegalArgumentException("layers " + Arrays.toString(layers) + " with " + weights.length
                    + " weight matrices and " + biases.length + " bias vectors");
        }
        for (int l = 0; l < weights.length; l++) {
            if (weights[l].length != (long) layers[l] * layers[l + 1] || biases[l].length != layers[l + 1]) {
                throw new IllegalArgumentException("layer " + l + " of " + Arrays.toString(layers) + " holds "
                        + weights[l].length + " weights and " + biases[l].length + " biases");
            }
        }
        this.layers = layers.clone();
        this.weights = weights;
        this.biases = biases;
    }

    public int[] layers() {
        return layers.clone();
    }

    /** The parameters of a DL4J network of dense layers (as {@code NetworkFactory} builds them). */
    public static MlpWeights of(MultiLayerNetwork network) {
        int n = network.getnLayers();
        int[] layers = new int[n + 1];
        float[][] weights = new float[n][];
        float[][] biases = new float[n][];
        for (int l = 0; l < n; l++) {
            Layer layer = network.getLayer(l);
            float[][] w = layer.getParam("W").toFloatMatrix();
            layers[l] = w.length;
            layers[l + 1] = w[0].length;
            weights[l] = new float[w.length * w[0].length];
            for (int i = 0; i < w.length; i++) {
                System.arraycopy(w[i], 0, weights[l], i * w[0].length, w[0].length);
            }
            biases[l] = layer.getParam("b").toFloatVector();
        }
        return new MlpWeights(layers, weights, biases);
    }

    public int numFeatures() {
        return layers[0];
    }

    public int numClasses() {
        return layers[layers.length - 1];
    }

    /** Raw scores (logits) of one example, in float32 like the network, returned as doubles. */
    public double[] rawScores(double[] features) {
        if (features.length != layers[0]) {
            throw new IllegalArgumentException("an example of " + features.length + " features for a network of "
                    + layers[0] + " inputs");
        }
        float[] in = new float[features.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) features[i];
        }
        for (int l = 0; l < weights.length; l++) {
            int outputs = layers[l + 1];
            float[] out = biases[l].clone();
            float[] w = weights[l];
            for (int i = 0; i < in.length; i++) {
                float x = in[i];
                if (x == 0f) {
                    continue; // images are mostly background, and a ReLU layer's outputs mostly zero
                }
                int row = i * outputs;
                for (int j = 0; j < outputs; j++) {
                    out[j] += x * w[row + j];
                }
            }
            if (l < weights.length - 1) {
                for (int j = 0; j < outputs; j++) {
                    out[j] = Math.max(0f, out[j]);
                }
            }
            in = out;
        }
        double[] raw = new double[in.length];
        for (int j = 0; j < raw.length; j++) {
            raw[j] = in[j];
        }
        return raw;
    }

    /** Softmax of raw scores, in place: shifted by the largest so that no exponent overflows. */
    public static void softmaxInPlace(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int j = 0; j < scores.length; j++) {
            scores[j] = Math.exp(scores[j] - max);
            sum += scores[j];
        }
        for (int j = 0; j < scores.length; j++) {
            scores[j] /= sum;
        }
    }

    /** All parameters in one array, layer by layer (weights then biases): how a saved model stores them. */
    public float[] flatten() {
        int total = 0;
        for (int l = 0; l < weights.length; l++) {
            total += weights[l].length + biases[l].length;
        }
        float[] out = new float[total];
        int at = 0;
        for (int l = 0; l < weights.length; l++) {
            System.arraycopy(weights[l], 0, out, at, weights[l].length);
            at += weights[l].length;
            System.arraycopy(biases[l], 0, out, at, biases[l].length);
            at += biases[l].length;
        }
        return out;
    }

    /** The inverse of {@link #flatten}; a parameter count that does not fit {@code layers} is refused. */
    public static MlpWeights unflatten(int[] layers, float[] params) {
        long expected = MlpSpec.parameterCount(layers);
        if (layers.length < 2 || Arrays.stream(layers).anyMatch(n -> n < 1) || params.length != expected) {
            throw new IllegalArgumentException("layers " + Arrays.toString(layers) + " need " + expected
                    + " parameters; the model holds " + params.length);
        }
        float[][] weights = new float[layers.length - 1][];
        float[][] biases = new float[layers.length - 1][];
        int at = 0;
        for (int l = 0; l + 1 < layers.length; l++) {
            weights[l] = Arrays.copyOfRange(params, at, at += layers[l] * layers[l + 1]);
            biases[l] = Arrays.copyOfRange(params, at, at += layers[l + 1]);
        }
        return new MlpWeights(layers, weights, biases);
    }
}
