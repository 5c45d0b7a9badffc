package dev.sparknet.jobs;

import dev.sparknet.artifacts.EpochRow;
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
import dev.sparknet.training.ValidationWatch;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The epoch loop shared by `mnist`, `retrain` and `bench`: one epoch of parameter averaging, then distributed
 * scores of the validation split (when there is one) and the test split. Every choice (early stopping, the
 * epoch kept, reduce-on-plateau) is made on validation accuracy; the test split is only reported.
 */
public final class DistributedRun {
    private static final Logger log = LoggerFactory.getLogger(DistributedRun.class);

    /**
     * The trained network (with validation: the parameters of the best epoch on validation, {@code keptEpoch}),
     * its history, and its scores on the test split and (or null) the validation split.
     */
    public record Outcome(SparkDl4jMultiLayer network, RunMetrics history, ClassificationMetrics test,
                          ClassificationMetrics validation, int keptEpoch) {
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
        return trainAndScore(sc, spec, training, workers, data, listener, null, 1, List.of(), EpochEnd.NONE);
    }

    /** As above, each epoch made of {@code feed}'s passes (e.g. fresh elastic distortions made on the executors). */
    public static Outcome trainAndScore(JavaSparkContext sc, MlpSpec spec, TrainingConfig training, int workers,
                                        PreparedData data, EpochFeed feed, TrainingListener listener) {
        return trainAndScore(sc, spec, training, workers, data, feed, listener, null, 1, List.of(), EpochEnd.NONE);
    }

    /**
     * Trains epochs {@code firstEpoch..training.epochs()} starting from {@code initial} (a warm start
     * or a checkpoint; {@code null} = a fresh network from {@code spec}). The learning rate and batch
     * order of each epoch depend only on its number and the seed, so a run continued from epoch k
     * trains exactly as an uninterrupted one would ({@code prior}, the epochs before, carry the validation
     * history that early stopping and reduce-on-plateau continue from).
     */
    public static Outcome trainAndScore(JavaSparkContext sc, MlpSpec spec, TrainingConfig training, int workers,
                                        PreparedData data, TrainingListener listener, MultiLayerNetwork initial,
                                        int firstEpoch, List<EpochRow> prior, EpochEnd epochEnd) {
        return trainAndScore(sc, spec, training, workers, data, plain(data, training), listener, initial, firstEpoch,
                prior, epochEnd);
    }

    /** The training files as exported, one pass per epoch, undistorted. */
    public static EpochFeed plain(PreparedData data, TrainingConfig training) {
        return EpochFeed.plain(data.trainFiles(), data.train(), training.batchSize(), training.seed());
    }

    private static Outcome trainAndScore(JavaSparkContext sc, MlpSpec spec, TrainingConfig training, int workers,
                                         PreparedData data, EpochFeed feed, TrainingListener listener,
                                         MultiLayerNetwork initial, int firstEpoch, List<EpochRow> prior,
                                         EpochEnd epochEnd) {
        if (sc.master().startsWith("local")) {
            // Tasks are threads of this JVM: one native thread each, or they oversubscribe the cores.
            NativeThreads.set(1);
            NativeThreads.warnUnlessSingleThreadedOpenMp();
        }
        SparkDl4jMultiLayer network = new SparkDl4jMultiLayer(sc, initial != null ? initial : NetworkFactory.create(spec),
                TrainingMasters.parameterAveraging(training, workers));
        ValidationWatch watch = new ValidationWatch(training.patience());
        prior.stream().filter(e -> e.validationAccuracy() != null)
                .forEach(e -> watch.record(e.epoch(), e.validationAccuracy()));
        log.info("network {} ({} parameters), Adam lr {}, batch {}, {} workers averaging every {} minibatches{}",
                spec.describe(), spec.parameterCount(), training.learningRate().forEpoch(firstEpoch, watch.plateaus()),
                training.batchSize(), workers, training.averagingFrequency(), data.validates()
                        ? "; " + data.validationCount() + " training images held out for validation" : "");
        DistributedTrainer trainer = new DistributedTrainer(sc, network, workers, training.averagingFrequency(),
                training.seed(), listener, spec.head() == MlpSpec.Head.SOFTMAX_CROSS_ENTROPY
                        ? DivergenceCheck.forClassifier(spec.outputs()) : DivergenceCheck.NON_FINITE_ONLY);
        RunMetrics history = new RunMetrics();
        Scores last = null;
        Scores kept = null;
        MultiLayerNetwork keptNetwork = null;
        for (int epoch = firstEpoch; epoch <= training.epochs(); epoch++) {
            // Workers rebuild the network from the driver's configuration every round, so this reaches them.
            network.getNetwork().setLearningRate(training.learningRate().forEpoch(epoch, watch.plateaus()));
            EpochResult result = trainer.fitEpoch(epoch, feed.passes(epoch));
            last = score(sc, network, data, workers, spec, epoch);
            history.addEpoch(result, last.validationAccuracy(), last.test().accuracy());
            log.info("epoch {}/{}: train loss {} |{} test accuracy {}% | {} s | {} examples/s", epoch,
                    training.epochs(), String.format("%.4f", result.trainLoss()), last.validation() == null ? ""
                            : " validation accuracy " + String.format("%.2f", 100 * last.validationAccuracy()) + "% |",
                    String.format("%.2f", 100 * last.test().accuracy()), String.format("%.1f", result.seconds()),
                    String.format("%.0f", result.examplesPerSecond()));
            if (last.validation() != null && watch.record(epoch, last.validationAccuracy())) {
                kept = last;
                keptNetwork = epoch < training.epochs() ? network.getNetwork().clone() : null;
            }
            epochEnd.completed(epoch, network.getNetwork(), history);
            if (watch.shouldStop()) {
                log.info("early stopping after epoch {}: validation accuracy has not improved for {} epochs since "
                        + "epoch {} ({}%)", epoch, training.patience(), watch.bestEpoch(),
                        String.format("%.2f", 100 * watch.bestAccuracy()));
                break;
            }
        }
        if (kept == null) {
            if (watch.seenAny()) {
                log.warn("the best epoch on validation ({}) was before this run was continued; keeping the last",
                        watch.bestEpoch());
            }
            return new Outcome(network, history, last == null ? null : last.test(),
                    last == null ? null : last.validation(), last == null ? firstEpoch - 1 : last.epoch());
        }
        if (kept != last && keptNetwork != null) {
            network.getNetwork().setParams(keptNetwork.params());
            if (keptNetwork.getUpdater().getStateViewArray() != null) {
                network.getNetwork().getUpdater().getStateViewArray().assign(keptNetwork.getUpdater().getStateViewArray());
            }
            log.info("keeping epoch {}: the best validation accuracy ({}%)", kept.epoch(),
                    String.format("%.2f", 100 * kept.validationAccuracy()));
        }
        return new Outcome(network, history, kept.test(), kept.validation(), kept.epoch());
    }

    /** One epoch's scores: validation (null without a validation split) and test. */
    private record Scores(int epoch, ClassificationMetrics validation, ClassificationMetrics test) {
        Double validationAccuracy() {
            return validation == null ? null : validation.accuracy();
        }
    }

    private static Scores score(JavaSparkContext sc, SparkDl4jMultiLayer network, PreparedData data, int workers,
                                MlpSpec spec, int epoch) {
        ClassificationMetrics validation = null;
        if (data.validates()) {
            try (SlowStep step = SlowStep.start(sc, "epoch " + epoch + ": scoring the validation split")) {
                validation = DistributedEvaluator.evaluate(sc, network, data.validationFiles(), workers,
                        PreparedData.EVAL_BATCH, spec.outputs());
            }
        }
        try (SlowStep step = SlowStep.start(sc, "epoch " + epoch + ": scoring the test split")) {
            return new Scores(epoch, validation, DistributedEvaluator.evaluate(sc, network, data.testFiles(), workers,
                    PreparedData.EVAL_BATCH, spec.outputs()));
        }
    }
}
