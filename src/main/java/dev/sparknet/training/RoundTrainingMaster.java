package dev.sparknet.training;

import org.apache.spark.api.java.JavaRDDLike;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/**
 * DL4J's parameter-averaging master, told the size of each round in advance. DL4J counts the
 * minibatches of every RDD it is handed with a Spark job of its own before training on it; the
 * trainer already knows that number (it built the round), so the extra job per round is skipped.
 */
public final class RoundTrainingMaster extends ParameterAveragingTrainingMaster {
    private long nextRoundSize = -1;

    RoundTrainingMaster(Builder builder) {
        super(builder);
    }

    /** The number of minibatches (files or DataSets) in the RDD that the next {@code fitPaths} or {@code fit} call receives. */
    public void expectRound(int minibatches) {
        nextRoundSize = minibatches;
    }

    /** The depth of the {@code treeAggregate} that combines the workers' results (DL4J's Builder default: 2). */
    public int aggregationDepth() {
        return aggregationDepth;
    }

    @Override
    protected <T, R extends JavaRDDLike<T, R>> long getTotalDataSetObjectCount(JavaRDDLike<T, R> trainingData) {
        if (nextRoundSize >= 0) {
            long size = nextRoundSize;
            nextRoundSize = -1;
            return size;
        }
        return super.getTotalDataSetObjectCount(trainingData);
    }
}
