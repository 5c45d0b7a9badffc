package dev.sparknet.jobs;

import dev.sparknet.evaluation.ClassificationMetrics;
import dev.sparknet.evaluation.DistributedEvaluator;
import dev.sparknet.evaluation.PromotionPolicy;
import dev.sparknet.model.MlpSpec;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;

import java.util.List;
import java.util.OptionalDouble;

/**
 * retrain's comparison: the challenger and the champion scored on the same validation images, which
 * decide, and on the same test images, which are reported beside them and never decide.
 */
final class ChampionChallenge {
    /** Scores of both models (the champion's null without one) and the decision. */
    record Verdict(ClassificationMetrics challengerValidation, ClassificationMetrics challengerTest,
                   Double championValidation, Double championTest, PromotionPolicy.Decision decision) {
    }

    private ChampionChallenge() {
    }

    static Verdict judge(JavaSparkContext sc, DistributedRun.Outcome outcome, MultiLayerNetwork champion,
                         PreparedData batches, int workers, MlpSpec spec, double tolerance) {
        ClassificationMetrics challengerValidation = outcome.validation() != null ? outcome.validation()
                : score(sc, outcome.network(), batches.validationFiles(), workers, spec);
        ClassificationMetrics challengerTest = outcome.test() != null ? outcome.test()
                : score(sc, outcome.network(), batches.testFiles(), workers, spec);
        Double championValidation = null;
        Double championTest = null;
        if (champion != null) {
            SparkDl4jMultiLayer wrapped = new SparkDl4jMultiLayer(sc, champion, null);
            championValidation = score(sc, wrapped, batches.validationFiles(), workers, spec).accuracy();
            championTest = score(sc, wrapped, batches.testFiles(), workers, spec).accuracy();
        }
        PromotionPolicy.Decision decision = new PromotionPolicy(tolerance).decide(championValidation == null
                ? OptionalDouble.empty() : OptionalDouble.of(championValidation), challengerValidation.accuracy());
        return new Verdict(challengerValidation, challengerTest, championValidation, championTest, decision);
    }

    private static ClassificationMetrics score(JavaSparkContext sc, SparkDl4jMultiLayer network, List<String> files,
                                               int workers, MlpSpec spec) {
        return DistributedEvaluator.evaluate(sc, network, files, workers, PreparedData.EVAL_BATCH, spec.outputs());
    }
}
