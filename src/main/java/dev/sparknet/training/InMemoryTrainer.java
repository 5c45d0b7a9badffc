package dev.sparknet.training;

import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The parameter-averaging loop for training data held in a persisted RDD of minibatches (one partition
 * per worker), for data made on the executors rather than read from files. Each epoch is one DL4J
 * {@code fit}: the minibatches are split at random into rounds of {@code workers x averagingFrequency};
 * in each round every worker fits its share starting from the current parameters and Adam state, then
 * both are averaged on the driver.
 */
public final class InMemoryTrainer {
    private final SparkDl4jMultiLayer network;
    private final JavaRDD<DataSet> batches;
    private final int batchCount;
    private final long examples;
    private final int rounds;

    public InMemoryTrainer(SparkDl4jMultiLayer network, JavaRDD<DataSet> batches, int batchCount, long examples,
                           int workers, int averagingFrequency) {
        this.network = network;
        this.batches = batches;
        this.batchCount = batchCount;
        this.examples = examples;
        this.rounds = Math.max(1, batchCount / (workers * averagingFrequency)); // as DL4J's balancedRandomSplit
    }

    /** Fits one pass over the minibatches with the given learning rate; the loss is DL4J's score after the last average. */
    public EpochResult fitEpoch(int epoch, double learningRate) {
        // Workers rebuild the network from the driver's configuration every round, so this reaches them.
        network.getNetwork().setLearningRate(learningRate);
        if (network.getTrainingMaster() instanceof RoundTrainingMaster master) {
            master.expectRound(batchCount); // known: skip DL4J's count job
        }
        long start = System.nanoTime();
        network.fit(batches);
        double loss = network.getScore();
        if (!Double.isFinite(loss) || !Double.isFinite(network.getNetwork().params().sumNumber().doubleValue())) {
            throw new TrainingDivergedException("training diverged in epoch " + epoch + ": the loss became " + loss
                    + "; lower --learning-rate");
        }
        return new EpochResult(epoch, loss, (System.nanoTime() - start) / 1e9, examples, rounds);
    }
}
