package dev.sparknet.report;

import dev.sparknet.data.MnistArrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * The test images a trained network gets wrong, found on the driver (10,000 MNIST images score in a
 * few seconds in one JVM): the first {@code max} in file order for the error grid, and how many in all.
 */
public record TestErrors(List<Misclassified> shown, long total, long scored) {
    private static final int BATCH = 1000;

    public TestErrors {
        shown = List.copyOf(shown);
    }

    public static TestErrors find(MultiLayerNetwork network, MnistArrays test, int rows, int cols, int max) {
        int f = test.pixelsPerImage();
        List<Misclassified> shown = new ArrayList<>();
        long total = 0;
        for (int from = 0; from < test.count(); from += BATCH) {
            int n = Math.min(BATCH, test.count() - from);
            float[] features = new float[n * f];
            for (int i = 0; i < features.length; i++) {
                features[i] = (test.pixels()[from * f + i] & 0xff) * (1f / 255f);
            }
            INDArray input = Nd4j.create(features, new long[]{n, f}, 'c');
            float[][] probabilities = network.output(input, false).toFloatMatrix();
            for (int r = 0; r < n; r++) {
                int predicted = argmax(probabilities[r]);
                int actual = test.label(from + r);
                if (predicted != actual) {
                    total++;
                    if (shown.size() < max) {
                        byte[] pixels = new byte[f];
                        System.arraycopy(test.pixels(), (from + r) * f, pixels, 0, f);
                        shown.add(new Misclassified(from + r, actual, predicted, probabilities[r][predicted], rows,
                                cols, pixels));
                    }
                }
            }
        }
        return new TestErrors(shown, total, test.count());
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
