package dev.sparknet.evaluation;

import org.apache.spark.api.java.JavaSparkContext;
import dev.sparknet.data.BatchFiles;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.evaluation.classification.ConfusionMatrix;
import org.nd4j.evaluation.classification.Evaluation;

import java.util.List;

/**
 * Scores a network on minibatch files with the work spread over the executors: each task predicts
 * its files with the broadcast parameters and returns a partial confusion matrix; Spark adds them up.
 */
public final class DistributedEvaluator {
    private DistributedEvaluator() {
    }

    public static ClassificationMetrics evaluate(JavaSparkContext sc, SparkDl4jMultiLayer network,
                                                 List<String> testBatchFiles, int workers, int batchSize,
                                                 int numClasses) {
        // DL4J M2's path-based doEvaluation routes a MultiLayerNetwork through ComputationGraph code and
        // fails; evaluating an RDD of DataSets loaded on the executors takes the working route.
        Evaluation result = network.doEvaluation(BatchFiles.load(sc, testBatchFiles, workers), workers, batchSize,
                new Evaluation(numClasses))[0];
        return fromDl4j(result, numClasses);
    }

    public static ClassificationMetrics fromDl4j(Evaluation evaluation, int numClasses) {
        ConfusionMatrix<Integer> cm = evaluation.getConfusion();
        long[][] confusion = new long[numClasses][numClasses];
        if (cm != null) {
            for (int actual = 0; actual < numClasses; actual++) {
                for (int predicted = 0; predicted < numClasses; predicted++) {
                    confusion[actual][predicted] = cm.getCount(actual, predicted);
                }
            }
        }
        return new ClassificationMetrics(confusion);
    }
}
