package dev.sparknet.mlbench;

import java.util.List;

/** Mean, sample standard deviation (n - 1; 0 for one value), minimum and maximum of some accuracies. */
public record Spread(double mean, double std, double min, double max, int n) {

    static Spread of(List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return new Spread(mean, values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : 0,
                values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), values.size());
    }

    public double range() {
        return max - min;
    }
}
