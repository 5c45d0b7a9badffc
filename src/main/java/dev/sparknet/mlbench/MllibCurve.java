package dev.sparknet.mlbench;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * MLlib's curve: Pipeline fits of {@code chunk} L-BFGS iterations each, every fit continuing from the last one's
 * weights (setInitialWeights) and scored after it. One fit of k iterations would be MLlib's own trajectory, but
 * fits of 1, 2, ... k iterations from scratch cost the square of k; continuing costs each iteration once, and
 * restarts L-BFGS's curvature memory at every point (a cost to MLlib, said in the output). The time cap: no fit
 * starts that the last fit's seconds per iteration say would end past it (it is shortened instead).
 */
final class MllibCurve {
    static final String TIMING = "wall-clock seconds of the Pipeline.fit calls summed (each re-stacks the rows and "
            + "restarts L-BFGS from the previous weights); scoring excluded";
    private static final Logger log = LoggerFactory.getLogger(MllibCurve.class);

    /** @param topLevel the curve stops once a model reaches it: further iterations would not change the levels */
    record Limits(int maxIterations, int chunk, double capSeconds, double topLevel) {
    }

    private MllibCurve() {
    }

    static AccuracyCurve run(MultilayerPerceptronClassifier mllib, Dataset<Row> train, Dataset<Row> test, Limits limits) {
        MulticlassClassificationEvaluator accuracy = MlpCurve.accuracy();
        List<AccuracyCurve.Point> points = new ArrayList<>();
        long budgetStart = System.nanoTime();
        Vector weights = null;
        int done = 0;
        double trained = 0;
        double secondsPerIteration = Double.NaN;
        double scoreSeconds = 0;
        String stopped = "reached " + limits.maxIterations() + " iterations";
        while (done < limits.maxIterations()) {
            int chunk = Math.min(limits.chunk(), limits.maxIterations() - done);
            if (!points.isEmpty()) {
                double left = limits.capSeconds() - (System.nanoTime() - budgetStart) / 1e9 - scoreSeconds;
                chunk = (int) Math.min(chunk, Math.floor(left / secondsPerIteration));
                if (chunk < 1) {
                    stopped = String.format("time cap of %.0f s: another iteration would end past it", limits.capSeconds());
                    break;
                }
            }
            mllib.setMaxIter(chunk);
            if (weights != null) {
                mllib.setInitialWeights(weights);
            }
            long t0 = System.nanoTime();
            PipelineModel fitted = new Pipeline().setStages(new PipelineStage[]{mllib}).fit(train);
            double seconds = (System.nanoTime() - t0) / 1e9;
            MultilayerPerceptronClassificationModel model = (MultilayerPerceptronClassificationModel) fitted.stages()[0];
            // objectiveHistory holds the loss before the first iteration and after each one
            int ran = Math.max(1, model.summary().objectiveHistory().length - 1);
            done += ran;
            trained += seconds;
            secondsPerIteration = seconds / ran; // the fit's fixed cost included: errs towards stopping early
            long s0 = System.nanoTime();
            double acc = accuracy.evaluate(fitted.transform(test));
            scoreSeconds = (System.nanoTime() - s0) / 1e9;
            points.add(new AccuracyCurve.Point(done, trained, acc, null));
            log.info("MLlib: {} L-BFGS iterations, {} s of fits, test accuracy {}%", done, String.format("%.1f", trained),
                    String.format("%.2f", 100 * acc));
            weights = model.weights();
            if (ran < chunk) {
                stopped = "L-BFGS converged (tol " + mllib.getTol() + ") after " + done + " iterations";
                break;
            }
            if (acc >= limits.topLevel()) {
                stopped = "reached the highest level";
                break;
            }
        }
        return new AccuracyCurve("MultilayerPerceptronClassifier (MLlib, L-BFGS)", "L-BFGS iterations", TIMING, points,
                stopped);
    }
}
