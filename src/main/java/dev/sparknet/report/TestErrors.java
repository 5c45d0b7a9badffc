package dev.sparknet.report;

import dev.sparknet.data.MnistArrays;
import dev.sparknet.evaluation.Classifier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.Arrays;
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
        Classifier classifier = new Classifier(network, BATCH);
        List<Misclassified> shown = new ArrayList<>();
        long total = 0;
        for (int from = 0; from < test.count(); from += BATCH) {
            int n = Math.min(BATCH, test.count() - from);
            List<byte[]> images = new ArrayList<>(n);
            for (int r = 0; r < n; r++) {
                images.add(Arrays.copyOfRange(test.pixels(), (from + r) * f, (from + r + 1) * f));
            }
            float[][] probabilities = classifier.probabilities(images, f);
            for (int r = 0; r < n; r++) {
                int predicted = Classifier.argmax(probabilities[r]);
                int actual = test.label(from + r);
                if (predicted != actual) {
                    total++;
                    if (shown.size() < max) {
                        shown.add(new Misclassified(from + r, actual, predicted, probabilities[r][predicted], rows,
                                cols, images.get(r)));
                    }
                }
            }
        }
        return new TestErrors(shown, total, test.count());
    }
}
