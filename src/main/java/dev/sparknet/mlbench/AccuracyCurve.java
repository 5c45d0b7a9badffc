package dev.sparknet.mlbench;

import java.util.List;

/**
 * Test accuracy against training time for one classifier: one point per scored model, in training order.
 *
 * @param unit    what {@link Point#iterations} counts: epochs, or L-BFGS iterations
 * @param timing  how {@link Point#seconds} was measured, in words
 * @param stopped why the curve ends where it does
 */
public record AccuracyCurve(String classifier, String unit, String timing, List<Point> points, String stopped) {

    public AccuracyCurve {
        points = List.copyOf(points);
    }

    /**
     * @param seconds       training seconds until this model existed (scoring excluded), counted from the fit's start
     * @param engineSeconds MlpClassifier only: the engine's own epoch seconds summed (minibatch export excluded)
     */
    public record Point(int iterations, double seconds, double testAccuracy, Double engineSeconds) {
    }

    /** The first point at or above {@code level}, or null when no point reached it. */
    public Point firstReaching(double level) {
        return points.stream().filter(p -> p.testAccuracy() >= level).findFirst().orElse(null);
    }

    public Double bestAccuracy() {
        return points.stream().mapToDouble(Point::testAccuracy).max().stream().boxed().findFirst().orElse(null);
    }
}
