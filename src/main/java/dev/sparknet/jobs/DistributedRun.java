package dev.sparknet.jobs;

import dev.sparknet.artifacts.RunMetrics;
import dev.sparknet.evaluation.ClassificationMetrics;
import dev.sparknet.evaluation.DistributedEvaluator;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.model.NetworkFactory;
import dev.sparknet.spark.SlowStep;
import dev.sparknet.training.DistributedTrainer;
import dev.sparknet.training.DivergenceCheck;
import dev.sparknet.training.EpochFeed;
import dev.sparknet.training.EpochResult;
import dev.sparknet.training.NativeThreads;
import dev.sparknet.training.TrainingConfig;
import dev.sparknet.training.TrainingListener;
import dev.sparknet.training.TrainingMasters;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The epoch loop shared by `mnist` and `bench`: one epoch of parameter averaging, then a distributed test score. */
public final class DistributedRun {
    private static final Logger log = LoggerFactory.getLogger(DistributedRun.class);

    public record Outcome(SparkDl4jMultiLayer network, RunMetrics history, ClassificationMetrics test) {
    }

    /** Called after each epoch has been trained and scored, e.g. to checkpoint it. */
    public interface EpochEnd {
        EpochEnd NONE = (epoch, network, history) -> {
        };

        void completed(int epoch, MultiLayerNetwork network, RunMetrics history);
    }

    private DistributedRun() {
    }

    public static Outcome trainAndScore(JavaSparkContext sc, MlpSpec spec, TrainingConfig training, int workers,
                                        PreparedData data, TrainingListener listener) {
        return trainAndScore(sc, spec, training, workers, data, listener, null, 1, EpochEnd.NONE);
    }

    /** As above, each epoch made of {@code feed}'s passes (e.g. fresh elastic distortions made on the executors). */
    public static Outcome trainAndScore(JavaSparkContext sc, MlpSpec spec, TrainingConfig training, int workers,
                                        PreparedData data, EpochFeed feed, TrainingListener listener) {
        return trainAndScore(sc, spec, training, workers, data, feed, listener, null, 1, EpochEnd.NONE);
    }

    /**
     * Trains epochs {@code firstEpoch..training.epochs()} starting from {@code initial} (a warm start
     * or a checkpoint; {@code null} = a fresh network from {@code spec}). The learning rate and batch
     * order of each epoch depend only on its number and the seed, so a run continued from epoch k
     * trains exactly as an uninterrupted one would.
     */
    public static Outcome trainAndScore(JavaSparkContext sc, MlpSpec spec, TrainingConfig training, int workers,
                                        PreparedData data, TrainingListener listener, MultiLayerNetwork initial,
                                        int firstEpoch, EpochEnd epochEnd) {
        return trainAndScore(sc, spec, training, workers, data, plain(data, training), listener, initial, firstEpoch,
                epochEnd);
    }

    /** The training files as exported, one pass per epoch, undistorted. */
    public static EpochFeed plain(PreparedData data, TrainingConfig training) {
        return EpochFeed.plain(data.trainFiles(), data.trainCount(), training.batchSize(), training.seed());
    }

    private static Outcome trainAndScore(JavaSparkContext sc, MlpSpec spec, TrainingConfig training, int workers,
                                         PreparedData data, EpochFeed feed, TrainingListener listener,
                                         MultiLayerNetwork initial, int firstEpoch, EpochEnd epochEnd) {
        if (sc.master().startsWith("local")) {
            // Tasks are threads of this JVM: one native thread each, or they oversubscribe the cores.
            NativeThreads.set(1);
            NativeThreads.warnUnlessSingleThreadedOpenMp();
        }
        SparkDl4jMultiLayer network = new SparkDl4jMultiLayer(sc, initial != null ? initial : NetworkFactory.create(spec),
                TrainingMasters.parameterAveraging(training, workers));
        log.info("network {} ({} parameters), Adam lr {}, batch {}, {} workers averaging every {} minibatches",
                spec.describe(), spec.parameterCount(), training.learningRate().forEpoch(firstEpoch), training.batchSize(), workers,
                training.averagingFrequency());
        DistributedTrainer trainer = new DistributedTrainer(sc, network, workers, training.averagingFrequency(),
                training.seed(), listener, spec.head() == MlpSpec.Head.SOFTMAX_CROSS_ENTROPY
                        ? DivergenceCheck.forClassifier(spec.outputs()) : DivergenceCheck.NON_FINITE_ONLY);
        RunMetrics history = new RunMetrics();
        ClassificationMetrics test = null;
        for (int epoch = firstEpoch; epoch <= training.epochs(); epoch++) {
            // Workers rebuild the network from the driver's configuration every round, so this reaches them.
            network.getNetwork().setLearningRate(training.learningRate().forEpoch(epoch));
            EpochResult result = trainer.fitEpoch(epoch, feed.passes(epoch));
            try (SlowStep step = SlowStep.start(sc, "epoch " + epoch + ": scoring the test split")) {
                test = DistributedEvaluator.evaluate(sc, network, data.testFiles(), workers, PreparedData.EVAL_BATCH,
                        spec.outputs());
            }
            history.addEpoch(result, test.accuracy());
            log.info("epoch {}/{}: train loss {} | test accuracy {}% | {} s | {} examples/s", epoch,
                    training.epochs(), String.format("%.4f", result.trainLoss()),
                    String.format("%.2f", 100 * test.accuracy()), String.format("%.1f", result.seconds()),
                    String.format("%.0f", result.examplesPerSecond()));
            epochEnd.completed(epoch, network.getNetwork(), history);
        }
        return new Outcome(network, history, test);
    }
}
