package dev.sparknet.mlbench;

import dev.sparknet.config.DepthVsWidthConfig;
import dev.sparknet.ml.MlpClassifier;
import dev.sparknet.model.MlpSpec;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * One shape of the depth-vs-width question: a CrossValidator over seeds x learning rates of MlpClassifier with those
 * hidden layers, then the spreads of its cross-validated accuracies and the test accuracy of the model it chose.
 */
final class DepthVsWidth {
    private static final Logger log = LoggerFactory.getLogger(DepthVsWidth.class);

    private DepthVsWidth() {
    }

    static DepthVsWidthResult.Shape run(DepthVsWidthConfig config, int[] layers, int workers, String workDir,
                                        Dataset<Row> train, Dataset<Row> test) {
        MlpClassifier mlp = new MlpClassifier().setLayers(layers).setMaxIter(config.epochs())
                .setBlockSize(config.mnist().training().batchSize())
                .setAveragingFrequency(config.mnist().training().averagingFrequency())
                .setStepSizeDecay(config.mnist().training().learningRate().decayPerEpoch())
                .setNumWorkers(workers).setWorkDir(workDir);
        ParamMap[] grid = new ParamGridBuilder().addGrid(mlp.seed(), config.seedValues())
                .addGrid(mlp.stepSize(), config.learningRates().stream().mapToDouble(Double::doubleValue).toArray()).build();
        CrossValidator cv = new CrossValidator().setEstimator(new Pipeline().setStages(new PipelineStage[]{mlp}))
                .setEstimatorParamMaps(grid).setEvaluator(MlpCurve.accuracy()).setNumFolds(config.folds())
                .setSeed(config.mnist().training().seed());
        String name = Arrays.stream(layers).mapToObj(String::valueOf).collect(Collectors.joining("-"));
        log.info("depth vs width: {}, {} seeds x {} learning rates, {}-fold", name, config.seeds(),
                config.learningRates().size(), config.folds());
        long t0 = System.nanoTime();
        CrossValidatorModel model = cv.fit(train);
        double seconds = (System.nanoTime() - t0) / 1e9;

        List<DepthVsWidthResult.GridPoint> points = new ArrayList<>();
        for (int i = 0; i < grid.length; i++) {
            points.add(new DepthVsWidthResult.GridPoint(((Number) grid[i].apply(mlp.seed())).longValue(),
                    ((Number) grid[i].apply(mlp.stepSize())).doubleValue(), model.avgMetrics()[i]));
        }
        DepthVsWidthResult.GridPoint best = points.stream()
                .max((a, b) -> Double.compare(a.cvAccuracy(), b.cvAccuracy())).orElseThrow();
        double testAccuracy = MlpCurve.accuracy().evaluate(((PipelineModel) model.bestModel()).transform(test));
        List<Double> cvAccuracies = points.stream().map(DepthVsWidthResult.GridPoint::cvAccuracy).toList();
        Spread cvSpread = Spread.of(cvAccuracies);
        log.info("depth vs width: {} cross-validated {}% +- {} ({}..{}), best {}% at seed {}, rate {}: test {}% ({} s)",
                name, pct(cvSpread.mean()), pct(cvSpread.std()), pct(cvSpread.min()), pct(cvSpread.max()),
                pct(best.cvAccuracy()), best.seed(), best.learningRate(), pct(testAccuracy), String.format("%.0f", seconds));
        List<DepthVsWidthResult.RateSpread> perRate = groups(points, DepthVsWidthResult.GridPoint::learningRate).stream()
                .map(g -> new DepthVsWidthResult.RateSpread(g.get(0).learningRate(), spread(g))).toList();
        return new DepthVsWidthResult.Shape(name, MlpSpec.parameterCount(layers), points, cvSpread,
                averaged(groups(points, DepthVsWidthResult.GridPoint::seed)),
                averaged(groups(points, DepthVsWidthResult.GridPoint::learningRate)), perRate, best, testAccuracy, seconds);
    }

    /** The grid's points grouped by {@code key}, groups in the order their keys first appear. */
    private static <K> List<List<DepthVsWidthResult.GridPoint>> groups(List<DepthVsWidthResult.GridPoint> points,
                                                                      Function<DepthVsWidthResult.GridPoint, K> key) {
        return new ArrayList<>(points.stream().collect(Collectors.groupingBy(key, java.util.LinkedHashMap::new,
                Collectors.toList())).values());
    }

    private static Spread spread(List<DepthVsWidthResult.GridPoint> group) {
        return Spread.of(group.stream().map(DepthVsWidthResult.GridPoint::cvAccuracy).toList());
    }

    private static DepthVsWidthResult.AveragedSpread averaged(List<List<DepthVsWidthResult.GridPoint>> groups) {
        List<Spread> spreads = groups.stream().map(DepthVsWidth::spread).toList();
        ToDoubleFunction<Spread> range = Spread::range;
        return new DepthVsWidthResult.AveragedSpread(spreads.stream().mapToDouble(Spread::std).average().orElse(0),
                spreads.stream().mapToDouble(range).average().orElse(0), spreads.stream().mapToDouble(range).max().orElse(0));
    }

    private static String pct(double v) {
        return String.format("%.2f", 100 * v);
    }
}
