package dev.sparknet.evaluation;

import dev.sparknet.data.PixelScaling;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Class probabilities for images given as pixel bytes, scored in minibatches: what `predict` does on the
 * executors and what finds the misclassified test digits for errors.png on the driver.
 */
public final class Classifier {
    private final MultiLayerNetwork network;
    private final int batch;

    public Classifier(MultiLayerNetwork network, int batch) {
        this.network = network;
        this.batch = batch;
    }

    /** One row of probabilities per image; every image has {@code features} pixels. */
    public float[][] probabilities(List<byte[]> images, int features) {
        float[][] out = new float[images.size()][];
        for (int from = 0; from < images.size(); from += batch) {
            int n = Math.min(batch, images.size() - from);
            float[] input = new float[n * features];
            for (int r = 0; r < n; r++) {
                PixelScaling.scale(images.get(from + r), 0, input, r * features, features);
            }
            float[][] rows = network.output(Nd4j.create(input, new long[]{n, features}, 'c'), false).toFloatMatrix();
            System.arraycopy(rows, 0, out, from, n);
        }
        return out;
    }

    /** The index of the largest value; the first on ties (as ND4J's argmax). */
    public static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
