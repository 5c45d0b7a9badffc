package dev.sparknet.training;

import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/** Builds DL4J's parameter-averaging master with the settings this job relies on. */
public final class TrainingMasters {
    private TrainingMasters() {
    }

    public static RoundTrainingMaster parameterAveraging(TrainingConfig config, int workers) {
        return new RoundTrainingMaster(averaging(config, workers)
                // The round's RDD is a handful of file names; caching it would only leak blocks.
                .storageLevelStreams(null)
                .rngSeed(config.seed()));
    }

    /**
     * The same averaging for training data that lives in an RDD of minibatches ({@code fit(JavaRDD<DataSet>)}),
     * fitted where it is instead of being exported to files first (DL4J's default). The caller persists
     * that RDD; DL4J splits it into rounds of {@code workers x averagingFrequency} minibatches, at random
     * from {@code seed}.
     */
    public static RoundTrainingMaster parameterAveragingInMemory(TrainingConfig config, int workers, long seed) {
        return new RoundTrainingMaster(averaging(config, workers)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .storageLevel(null)
                .rngSeed(seed));
    }

    /** What both masters share: the minibatch shape, how often to average, and what averaging keeps. */
    private static ParameterAveragingTrainingMaster.Builder averaging(TrainingConfig config, int workers) {
        return new ParameterAveragingTrainingMaster.Builder(workers, config.batchSize())
                .batchSizePerWorker(config.batchSize())
                .averagingFrequency(config.averagingFrequency())
                .workerPrefetchNumBatches(config.prefetch())
                // Off by default in DL4J: without it Adam's moment estimates restart at every average.
                .saveUpdater(true)
                // The data arrives with exactly one partition per worker (a round's file names, or the minibatches
                // as they were made): never shuffle it.
                .repartionData(Repartition.Never);
    }
}
