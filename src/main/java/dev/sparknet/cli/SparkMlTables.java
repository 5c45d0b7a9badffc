package dev.sparknet.cli;

import dev.sparknet.mlbench.AccuracyCurve;
import dev.sparknet.mlbench.DepthVsWidthResult;
import dev.sparknet.mlbench.MllibComparison;

/** The console summaries of bench-mllib.json and depth-vs-width.json. */
final class SparkMlTables {
    static final String NOT_REACHED = "not reached";

    private SparkMlTables() {
    }

    static String render(MllibComparison r) {
        StringBuilder s = new StringBuilder("\n");
        s.append(String.format("layers %s, %d training rows, %d test rows, %d Spark tasks%n", r.layers(), r.trainRows(),
                r.testRows(), r.workers()));
        s.append(String.format("%-9s %-26s %-30s %s%n", "accuracy", "MlpClassifier s (epoch)", "MLlib s (iteration)",
                "MLlib / MlpClassifier"));
        for (MllibComparison.Level l : r.levels()) {
            s.append(String.format("%-9s %-26s %-30s %s%n", pct(l.accuracy()),
                    l.mlpSeconds() == null ? NOT_REACHED + " in " + r.settings().mlpEpochs() + " epochs"
                            : String.format("%.1f (%d)", l.mlpSeconds(), l.mlpEpochs()),
                    l.mllibSeconds() == null ? NOT_REACHED + " within cap"
                            : String.format("%.1f (%d)", l.mllibSeconds(), l.mllibIterations()),
                    l.mllibOverMlp() == null ? "n/a" : String.format("%.1f", l.mllibOverMlp())));
        }
        curve(s, r.mlpClassifier());
        curve(s, r.mllib());
        return s.toString();
    }

    private static void curve(StringBuilder s, AccuracyCurve c) {
        AccuracyCurve.Point last = c.points().isEmpty() ? null : c.points().get(c.points().size() - 1);
        s.append(String.format("%s: best %s, last %s after %s %s and %s s; %s%n", c.classifier(), pct(c.bestAccuracy()),
                last == null ? "n/a" : pct(last.testAccuracy()), last == null ? 0 : last.iterations(), c.unit(),
                last == null ? "0" : String.format("%.1f", last.seconds()), c.stopped()));
    }

    static String render(DepthVsWidthResult r) {
        StringBuilder s = new StringBuilder("\n");
        s.append(String.format("%d-fold CrossValidator on %d training rows, %d epochs per fit, seeds %s x learning rates "
                + "%s; test accuracy on %d rows%n", r.folds(), r.cvRows(), r.epochs(), r.seeds(), r.learningRates(),
                r.testRows()));
        s.append(String.format("%-24s %-8s %-22s %-16s %-16s %-18s %s%n", "layers", "params", "CV mean +- std",
                "CV min-max", "range over LRs", "range over seeds", "best (seed, LR): test"));
        for (DepthVsWidthResult.Shape x : r.shapes()) {
            s.append(String.format("%-24s %-8s %-22s %-16s %-16s %-18s %s%n", x.layers(),
                    String.format("%.2fM", x.parameters() / 1e6),
                    pct(x.cv().mean()) + " +- " + String.format("%.2f", 100 * x.cv().std()),
                    pct(x.cv().min()) + "-" + pct(x.cv().max()),
                    String.format("%.2f pts", 100 * x.acrossLearningRates().meanRange()),
                    String.format("%.2f pts", 100 * x.acrossSeeds().meanRange()),
                    "(" + x.best().seed() + ", " + x.best().learningRate() + "): " + pct(x.bestTestAccuracy())));
        }
        s.append("range over LRs: per seed, best minus worst learning rate, averaged over the seeds; range over seeds:\n"
                + "per learning rate, best minus worst seed, averaged over the rates (percentage points of CV accuracy)\n");
        for (DepthVsWidthResult.Shape x : r.shapes()) {
            StringBuilder rates = new StringBuilder();
            x.perLearningRate().forEach(p -> rates.append(String.format("  LR %s: %s", p.learningRate(),
                    pct(p.overSeeds().mean()))));
            s.append(String.format("%-24s%s%n", x.layers(), rates));
        }
        return s.toString();
    }

    private static String pct(Double v) {
        return v == null || !Double.isFinite(v) ? "n/a" : String.format("%.2f%%", 100 * v);
    }
}
