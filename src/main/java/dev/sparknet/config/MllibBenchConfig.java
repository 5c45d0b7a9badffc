package dev.sparknet.config;

import java.util.List;

/**
 * `bench --mllib`: MlpClassifier and MLlib's MultilayerPerceptronClassifier in the same Spark ML Pipeline on the same
 * DataFrame. {@code mnist} gives the data, output, seed, batch, learning rate and its decay, averaging, workers and
 * limits; the rest is the comparison's own.
 *
 * @param hidden        hidden widths of both networks (--mllib-hidden, not --hidden: at the job's 1568 MLlib's L-BFGS
 *                      is far too slow for a run of minutes, so the default is smaller)
 * @param epochs        MlpClassifier's epochs, each scored
 * @param iterations    MLlib's L-BFGS iterations at most (the time cap usually ends it first)
 * @param chunk         L-BFGS iterations per MLlib fit: each fit continues from the last one's weights and is scored
 * @param capSeconds    MLlib's total time (fits and scoring) after which no further fit starts
 * @param levels        test accuracies whose time-to-reach is reported, ascending
 */
public record MllibBenchConfig(MnistJobConfig mnist, List<Integer> hidden, int epochs, int iterations, int chunk,
                               double capSeconds, List<Double> levels) {

    public MllibBenchConfig {
        hidden = List.copyOf(hidden);
        levels = List.copyOf(levels);
    }

    public static MllibBenchConfig from(Settings s) {
        return new MllibBenchConfig(MnistJobConfig.from(s), s.positiveIntList("mllib-hidden"), s.positiveInt("mllib-epochs"),
                s.positiveInt("mllib-iterations"), s.positiveInt("mllib-chunk"), 60 * s.positiveDouble("mllib-minutes"),
                fractions(s, "levels"));
    }

    /** Comma-separated accuracies in (0, 1), sorted ascending, e.g. {@code 0.90,0.95}. */
    static List<Double> fractions(Settings s, String key) {
        List<Double> out = new java.util.ArrayList<>();
        for (String part : s.required(key).split(",", -1)) {
            double v;
            try {
                v = Double.parseDouble(part.trim());
            } catch (NumberFormatException e) {
                throw s.bad(key, "expected comma-separated fractions between 0 and 1 (e.g. 0.90,0.95)");
            }
            if (!(v > 0 && v < 1)) {
                throw s.bad(key, "every entry must be a fraction between 0 and 1 (e.g. 0.90,0.95)");
            }
            out.add(v);
        }
        return out.stream().sorted().distinct().toList();
    }

    /** The layer sizes of both networks for {@code inputs} features and {@code classes} classes. */
    public int[] layers(int inputs, int classes) {
        return DepthVsWidthConfig.layers(inputs, hidden, classes);
    }
}
