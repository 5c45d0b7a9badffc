package dev.sparknet.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * `bench --depth-vs-width`: the tutorial's claim that several hidden layers of the same total width are "less
 * sensitive" than one wide layer, put to Spark ML's CrossValidator. {@code mnist} gives the data, output, batch,
 * averaging, the learning rate's decay, workers, the first seed and the test limit.
 *
 * @param shapes        hidden widths of each network compared, e.g. [1568], [784, 784], [392, 392, 392, 392]
 * @param seeds         seeds per shape: --seed, --seed + 1, ...
 * @param learningRates Adam's first-epoch rates per shape and seed
 * @param folds         CrossValidator's folds
 * @param epochs        epochs of every fit
 * @param rows          training rows the cross-validation uses (the first ones; 0 = all)
 */
public record DepthVsWidthConfig(MnistJobConfig mnist, List<List<Integer>> shapes, int seeds, List<Double> learningRates,
                                 int folds, int epochs, int rows) {

    public DepthVsWidthConfig {
        shapes = shapes.stream().map(List::copyOf).toList();
        learningRates = List.copyOf(learningRates);
    }

    public static DepthVsWidthConfig from(Settings s) {
        int folds = s.positiveInt("cv-folds");
        if (folds < 2) {
            throw s.bad("cv-folds", "cross-validation needs at least 2 folds");
        }
        return new DepthVsWidthConfig(MnistJobConfig.from(s), shapes(s, "cv-shapes"), s.positiveInt("cv-seeds"),
                rates(s, "cv-learning-rates"), folds, s.positiveInt("cv-epochs"), s.nonNegativeInt("cv-rows"));
    }

    /** {@code 1568/784,784}: shapes separated by '/', each a comma-separated list of positive widths. */
    static List<List<Integer>> shapes(Settings s, String key) {
        List<List<Integer>> out = new ArrayList<>();
        for (String shape : s.required(key).split("/", -1)) {
            List<Integer> widths = new ArrayList<>();
            for (String part : shape.split(",", -1)) {
                try {
                    widths.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    throw s.bad(key, "expected shapes separated by '/', each of comma-separated widths (e.g. 1568/784,784)");
                }
                if (widths.get(widths.size() - 1) <= 0) {
                    throw s.bad(key, "every width must be a positive whole number");
                }
            }
            out.add(widths);
        }
        return out;
    }

    static List<Double> rates(Settings s, String key) {
        List<Double> out = new ArrayList<>();
        for (String part : s.required(key).split(",", -1)) {
            double v;
            try {
                v = Double.parseDouble(part.trim());
            } catch (NumberFormatException e) {
                throw s.bad(key, "expected comma-separated positive numbers (e.g. 0.002,0.008)");
            }
            if (!(v > 0) || Double.isInfinite(v)) {
                throw s.bad(key, "every learning rate must be a positive number");
            }
            out.add(v);
        }
        return out;
    }

    /** input, hidden..., classes */
    public static int[] layers(int inputs, List<Integer> hidden, int classes) {
        return IntStream.concat(IntStream.concat(IntStream.of(inputs), hidden.stream().mapToInt(Integer::intValue)),
                IntStream.of(classes)).toArray();
    }

    /** The seeds each shape is trained with. */
    public long[] seedValues() {
        return java.util.stream.LongStream.range(0, seeds).map(i -> mnist.training().seed() + i).toArray();
    }
}
