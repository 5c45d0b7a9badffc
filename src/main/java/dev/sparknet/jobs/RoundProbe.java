package dev.sparknet.jobs;

import dev.sparknet.training.DistributedTrainer;
import dev.sparknet.training.DivergenceCheck;
import dev.sparknet.training.TrainingConfig;
import dev.sparknet.training.TrainingListener;
import dev.sparknet.training.TrainingMasters;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;

import java.util.List;

/**
 * Times the fixed cost of one averaging round (broadcast, task launch, collect, average) by running
 * rounds of a single minibatch per worker on a copy of the trained network.
 */
final class RoundProbe {
    private static final int ROUNDS = 6;

    private RoundProbe() {
    }

    static double secondsPerRound(JavaSparkContext sc, MultiLayerNetwork trained, TrainingConfig training, int workers,
                                  List<String> trainFiles) {
        TrainingConfig oneBatch = new TrainingConfig(1, training.batchSize(), 1, workers, training.prefetch(), training.seed(),
                training.learningRate());
        SparkDl4jMultiLayer copy = new SparkDl4jMultiLayer(sc, trained.clone(),
                TrainingMasters.parameterAveraging(oneBatch, workers));
        DistributedTrainer trainer = new DistributedTrainer(sc, copy, workers, 1, training.seed(), TrainingListener.NONE,
                DivergenceCheck.NON_FINITE_ONLY);
        List<String> files = trainFiles.subList(0, Math.min(trainFiles.size(), workers * ROUNDS));
        trainer.fitEpoch(0, files.subList(0, Math.min(files.size(), workers)), 0); // warm-up
        var result = trainer.fitEpoch(1, files, 0);
        return result.seconds() / result.rounds();
    }
}
