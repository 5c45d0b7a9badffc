package dev.sparknet.approx;

import dev.sparknet.artifacts.RunProvenance;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kept network scored on held-out points inside and outside the training range, and what is
 * published about it: metrics.json's content, curve.csv, and the numbers fit.png shows.
 */
final class ApproxReport {
    private final ApproxJobConfig config;
    private final Standardizer standardizer;
    private final ApproxRestart best;
    private final List<ApproxRestart> restarts;
    private final double mseInRange;
    private final double mseOutOfRange;
    private final int outOfRangePoints;
    private final FitPlot.Curve curve;

    private ApproxReport(ApproxJobConfig config, Standardizer standardizer, ApproxRestart best,
                         List<ApproxRestart> restarts, double mseInRange, double mseOutOfRange,
                         int outOfRangePoints, FitPlot.Curve curve) {
        this.config = config;
        this.standardizer = standardizer;
        this.best = best;
        this.restarts = restarts;
        this.mseInRange = mseInRange;
        this.mseOutOfRange = mseOutOfRange;
        this.outOfRangePoints = outOfRangePoints;
        this.curve = curve;
    }

    static ApproxReport score(ApproxJobConfig config, Standardizer standardizer, ApproxRestart best,
                              List<ApproxRestart> restarts) {
        long seed = config.training().seed();
        MultiLayerNetwork network = best.network();
        double[] inX = SampleGenerator.xs(seed, SampleGenerator.Stream.TEST_IN_RANGE, config.testSamples(), config.range());
        double[] outX = SampleGenerator.outside(seed, config.testSamples(), config.range(), config.span());
        double mseIn = Regression.mse(Regression.predict(network, standardizer, inX), Regression.apply(config.target()::evaluate, inX));
        double mseOut = Regression.mse(Regression.predict(network, standardizer, outX), Regression.apply(config.target()::evaluate, outX));
        double[] x = new double[config.curvePoints()];
        for (int i = 0; i < x.length; i++) {
            x[i] = config.span().at((double) i / (x.length - 1));
        }
        FitPlot.Curve curve = new FitPlot.Curve(x, Regression.apply(config.target()::evaluate, x),
                Regression.predict(network, standardizer, x));
        return new ApproxReport(config, standardizer, best, restarts, mseIn, mseOut, outX.length, curve);
    }

    double mseInRange() {
        return mseInRange;
    }

    double mseOutOfRange() {
        return mseOutOfRange;
    }

    double targetVariance() {
        return standardizer.yStd() * standardizer.yStd();
    }

    FitPlot.Curve curve() {
        return curve;
    }

    /** The parts of the span outside the training range, e.g. [[-7, -5], [5, 7]]. */
    List<List<Double>> outOfRange() {
        Interval range = config.range();
        Interval span = config.span();
        List<List<Double>> out = new ArrayList<>();
        if (span.lo() < range.lo()) {
            out.add(List.of(span.lo(), range.lo()));
        }
        if (span.hi() > range.hi()) {
            out.add(List.of(range.hi(), span.hi()));
        }
        return out;
    }

    String title() {
        return "Network " + config.network(0).describe() + " learning y = " + config.target();
    }

    String subtitle() {
        return String.format(Locale.ROOT, "MSE inside the training range %s   |   outside it %s   |   target variance %s"
                        + "   |   best of %d restart%s", ApproxJob.fmt(mseInRange), ApproxJob.fmt(mseOutOfRange),
                ApproxJob.fmt(targetVariance()), restarts.size(), restarts.size() == 1 ? "" : "s");
    }

    String curveCsv() {
        StringBuilder s = new StringBuilder("x,target,prediction\n");
        for (int i = 0; i < curve.x().length; i++) {
            s.append(String.format(Locale.ROOT, "%.6g,%.9g,%.9g%n", curve.x()[i], curve.target()[i], curve.prediction()[i]));
        }
        return s.toString();
    }

    Map<String, Object> dataProvenance() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generator", "x uniform from a SplitMix64 hash of (seed, stream, index); y = target(x)");
        out.put("seed", config.training().seed());
        out.put("train_samples", config.samples());
        out.put("validation_samples", config.validationSamples());
        out.put("test_samples_in_range", config.testSamples());
        out.put("test_samples_out_of_range", outOfRangePoints);
        return out;
    }

    Map<String, Object> metrics(double totalSeconds, double trainingSeconds, RunProvenance provenance) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mse_in_range", mseInRange);
        out.put("mse_out_of_range", mseOutOfRange);
        out.put("target_variance_in_range", targetVariance());
        out.put("target", config.target().toString());
        out.put("coefficients", toList(config.target().coefficients()));
        out.put("range", config.range().toList());
        out.put("out_of_range", outOfRange());
        out.put("network", config.network(0).describe());
        out.put("best_restart", best.index() + 1);
        List<Map<String, Object>> restartRows = new ArrayList<>();
        for (ApproxRestart r : restarts) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("restart", r.index() + 1);
            row.put("seed", r.seed());
            row.put("epochs_trained", r.epochsTrained());
            row.put("validation_mse", r.validationMse());
            row.put("seconds", r.seconds());
            if (r.failure() != null) {
                row.put("failure", r.failure());
            }
            restartRows.add(row);
        }
        out.put("restarts", restartRows);
        Map<String, Object> screening = new LinkedHashMap<>();
        boolean screened = restarts.stream().anyMatch(r -> r.epochsTrained() < config.training().epochs() && !r.failed());
        screening.put("screened", screened);
        screening.put("screen_epochs", config.screenEpochs());
        screening.put("kept", screened ? config.keep() : restarts.size());
        out.put("screening", screening);
        out.put("epochs_note", "epochs of the kept restart; train_loss is DL4J's score after the epoch's last averaging "
                + "(MSE of standardised targets on the workers' last minibatches); train_mse (on the first "
                + "training samples) and validation_mse are in the target's units");
        out.put("epochs", best.epochs());
        out.put("first_layer", firstLayer(best.network()));
        Map<String, Object> std = new LinkedHashMap<>();
        std.put("x_mean", standardizer.xMean());
        std.put("x_std", standardizer.xStd());
        std.put("y_mean", standardizer.yMean());
        std.put("y_std", standardizer.yStd());
        out.put("standardization", std);
        out.put("total_seconds", totalSeconds);
        out.put("training_seconds", trainingSeconds);
        out.put("data", dataProvenance());
        out.put("provenance", provenance);
        return out;
    }

    /**
     * The first layer as the tutorial prints it, in the network's standardised units (unit j computes
     * relu(weights[j]·(x − x_mean)/x_std + biases[j])), plus where each unit's kink lies in x itself.
     */
    private Map<String, Object> firstLayer(MultiLayerNetwork network) {
        double[] w = network.getLayer(0).getParam("W").castTo(DataType.DOUBLE).data().asDouble();
        double[] b = network.getLayer(0).getParam("b").castTo(DataType.DOUBLE).data().asDouble();
        List<Double> kinks = new ArrayList<>();
        for (int j = 0; j < w.length; j++) {
            kinks.add(w[j] == 0 ? null : -b[j] / w[j] * standardizer.xStd() + standardizer.xMean());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("units", "standardised: unit j computes relu(weights[j] * (x - x_mean) / x_std + biases[j])");
        out.put("weights", toList(w));
        out.put("biases", toList(b));
        out.put("kinks_x", kinks);
        return out;
    }

    private static List<Double> toList(double[] values) {
        List<Double> out = new ArrayList<>();
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
