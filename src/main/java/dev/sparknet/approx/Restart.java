package dev.sparknet.approx;

import dev.sparknet.model.MlpSpec;
import dev.sparknet.model.NetworkFactory;
import dev.sparknet.training.EpochResult;
import dev.sparknet.training.InMemoryTrainer;
import dev.sparknet.training.LearningRateSchedule;
import dev.sparknet.training.TrainingConfig;
import dev.sparknet.training.TrainingDivergedException;
import dev.sparknet.training.TrainingMasters;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

/**
 * One of the `approx` job's seeded networks: its own initialisation and round order, trained with
 * parameter averaging on the shared training minibatches and scored on the validation sample after
 * every epoch. Training can stop after any epoch and resume later (parameters and Adam state stay on
 * the driver), which is what screening the restarts needs.
 */
final class Restart {
    private final int index;
    private final long seed;
    private final SparkDl4jMultiLayer network;
    private final InMemoryTrainer trainer;
    private final List<ApproxEpochRow> epochs = new ArrayList<>();
    private double validationMse = Double.NaN;
    private double seconds;
    private String failure;

    Restart(JavaSparkContext sc, ApproxJobConfig config, int index, JavaRDD<DataSet> batches, int batchCount,
            int workers) {
        TrainingConfig training = config.training();
        MlpSpec spec = config.network(index);
        this.index = index;
        this.seed = spec.seed();
        this.network = new SparkDl4jMultiLayer(sc, NetworkFactory.create(spec),
                TrainingMasters.parameterAveragingInMemory(training, workers, spec.seed()));
        this.trainer = new InMemoryTrainer(network, batches, batchCount, config.samples(), workers,
                training.averagingFrequency());
    }

    /**
     * Trains on until {@code lastEpoch} (1-based, inclusive), scoring the validation sample after each
     * epoch. A diverged network stops and is marked failed instead of failing the job: another restart
     * may still do well.
     */
    void trainUntil(int lastEpoch, LearningRateSchedule schedule, Probe train, Probe validation) {
        long start = System.nanoTime();
        for (int epoch = epochs.size() + 1; epoch <= lastEpoch && failure == null; epoch++) {
            double lr = schedule.forEpoch(epoch);
            try {
                EpochResult result = trainer.fitEpoch(epoch, lr);
                double trainMse = train.mse(network.getNetwork());
                validationMse = validation.mse(network.getNetwork());
                epochs.add(new ApproxEpochRow(epoch, lr, result.trainLoss(), trainMse, validationMse, result.seconds(),
                        result.rounds()));
            } catch (TrainingDivergedException e) {
                failure = e.getMessage();
                validationMse = Double.NaN;
            }
        }
        seconds += (System.nanoTime() - start) / 1e9;
    }

    boolean failed() {
        return failure != null;
    }

    /** Lower is better; failed restarts rank last. */
    double rankingMse() {
        return failed() || Double.isNaN(validationMse) ? Double.POSITIVE_INFINITY : validationMse;
    }

    int index() {
        return index;
    }

    long seed() {
        return seed;
    }

    double validationMse() {
        return validationMse;
    }

    double seconds() {
        return seconds;
    }

    String failure() {
        return failure;
    }

    int epochsTrained() {
        return epochs.size();
    }

    List<ApproxEpochRow> epochs() {
        return List.copyOf(epochs);
    }

    MultiLayerNetwork network() {
        return network.getNetwork();
    }
}
