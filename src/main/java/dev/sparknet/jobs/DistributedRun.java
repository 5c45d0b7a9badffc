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
     * its history, and its scores on the test split and the validation split (each null without that split).
     */
    public record Outcome(SparkDl4jMultiLayer network, RunMetrics history, ClassificationMetrics test,
                          ClassificationMetrics validation, int keptEpoch) {
    }

    /** Called after each epoch has been trained and scored, e.g. to checkpoint it. */
    public interface EpochEnd {
        EpochEnd NONE = (epoch, network, history, keptEpoch) -> {
        };

        /** @param keptEpoch the epoch whose parameters would be kept now (the best on validation, or this one) */
        void completed(int epoch, MultiLayerNetwork network, RunMetrics history, int keptEpoch);
    }

    /**
     * Where training starts: a fresh network, or {@code initial} (a warm start or a checkpoint) before
     * {@code firstEpoch}; {@code prior} are the epochs already trained (their validation history continues),
     * {@code priorBest} the network of the best of them on validation when that is not {@code initial}.
     */
    public record Start(MultiLayerNetwork initial, int firstEpoch, List<EpochRow> prior, MultiLayerNetwork priorBest) {
        public static final Start FRESH = new Start(null, 1, List.of(), null);

        public static Start from(MultiLayerNetwork initial) {
            return new Start(initial, 1, List.of(), null);
        }
    }

    private DistributedRun() {
    }

    public static Outcome trainAndScore(JavaSparkContext sc, MlpSpec spec, TrainingConfig training, int workers,
                                        PreparedData data, TrainingListener listener) {
        return trainAndScore(sc, spec, training, workers, data, plain(data, training), listener, Start.FRESH, EpochEnd.NONE);
    }

    /** As above, each epoch made of {@code feed}'s passes (e.g. fresh elastic distortions made on the executors). */
    public static Outcome trainAndScore(JavaSparkContext sc, MlpSpec spec, TrainingConfig training, int workers,
                                        PreparedData data, EpochFeed feed, TrainingListener listener) {
        return trainAndScore(sc, spec, training, workers, data, feed, listener, Start.FRESH, EpochEnd.NONE);
    }

    /**
     * Trains epochs {@code start.firstEpoch()..training.epochs()}. The learning rate and batch order of each
     * epoch depend only on its number, the seed and the validation history, so a run continued from epoch k
     * trains exactly as an uninterrupted one would.
     */
    public static Outcome trainAndScore(JavaSparkContext sc, MlpSpec spec, TrainingConfig training, int workers,
                                        PreparedData data, TrainingListener listener, Start start, EpochEnd epochEnd) {
        return trainAndScore(sc, spec, training, workers, data, plain(data, training), listener, start, epochEnd);
    }

    /** The training files as exported, one pass per epoch, undistorted. */
    public static EpochFeed plain(PreparedData data, TrainingConfig training) {
        return EpochFeed.plain(data.trainFiles(), data.train(), training.batchSize(), training.seed());
    }

    private static Outcome trainAndScore(JavaSparkContext sc, MlpSpec spec, TrainingConfig training, int workers,
                                         PreparedData data, EpochFeed feed, TrainingListener listener, Start start,
                                         EpochEnd epochEnd) {
        if (sc.master().startsWith("local")) {
            // Tasks are threads of this JVM: one native thread each, or they oversubscribe the cores.
            NativeThreads.set(1);
            NativeThreads.warnUnlessSingleThreadedOpenMp();
        }
        SparkDl4jMultiLayer network = new SparkDl4jMultiLayer(sc, start.initial() != null ? start.initial()
                : NetworkFactory.create(spec), TrainingMasters.parameterAveraging(training, workers));
        ValidationWatch watch = watch(training.patience(), start.prior());
        int firstEpoch = start.firstEpoch();
        log.info("network {} ({} parameters), Adam lr {}, batch {}, {} workers averaging every {} minibatches{}",
                spec.describe(), spec.parameterCount(), training.learningRate().forEpoch(firstEpoch, watch.plateaus()),
                training.batchSize(), workers, training.averagingFrequency(), data.validates()
                        ? "; " + data.validationCount() + " training images held out for validation" : "");
        DistributedTrainer trainer = new DistributedTrainer(sc, network, workers, training.averagingFrequency(),
                training.seed(), listener, spec.head() == MlpSpec.Head.SOFTMAX_CROSS_ENTROPY
                        ? DivergenceCheck.forClassifier(spec.outputs()) : DivergenceCheck.NON_FINITE_ONLY);
        RunMetrics history = new RunMetrics();
        Scores last = null;
        // the best epoch on validation so far: its number, parameters (unless they are the network's) and scores
        int keptEpoch = watch.seenAny() ? watch.bestEpoch() : firstEpoch - 1;
        MultiLayerNetwork keptNetwork = start.priorBest();
        if (keptNetwork == null && watch.seenAny() && keptEpoch == firstEpoch - 1 && start.initial() != null) {
            keptNetwork = start.initial().clone(); // the checkpoint continued from is the best so far
        }
        Scores kept = null;
        for (int epoch = firstEpoch; epoch <= training.epochs() && !watch.shouldStop(); epoch++) {
            // Workers rebuild the network from the driver's configuration every round, so this reaches them.
            network.getNetwork().setLearningRate(training.learningRate().forEpoch(epoch, watch.plateaus()));
            EpochResult result = trainer.fitEpoch(epoch, feed.passes(epoch));
            last = score(sc, network, data, workers, spec, epoch);
            history.addEpoch(result, last.validationAccuracy(), last.test() == null ? Double.NaN : last.test().accuracy());
            log.info("epoch {}/{}: train loss {} |{}{} {} s | {} examples/s", epoch,
                    training.epochs(), String.format("%.4f", result.trainLoss()), last.validation() == null ? ""
                            : " validation accuracy " + String.format("%.2f", 100 * last.validationAccuracy()) + "% |",
                    last.test() == null ? "" : " test accuracy " + String.format("%.2f", 100 * last.test().accuracy())
                            + "% |", String.format("%.1f", result.seconds()),
                    String.format("%.0f", result.examplesPerSecond()));
            if (last.validation() == null || watch.record(epoch, last.validationAccuracy())) {
                keptEpoch = epoch;
                kept = last;
                keptNetwork = last.validation() != null && epoch < training.epochs() ? network.getNetwork().clone() : null;
            }
            epochEnd.completed(epoch, network.getNetwork(), history, keptEpoch);
            if (watch.shouldStop()) {
                log.info("early stopping after epoch {}: validation accuracy has not improved for {} epochs since "
                        + "epoch {} ({}%)", epoch, training.patience(), watch.bestEpoch(),
                        String.format("%.2f", 100 * watch.bestAccuracy()));
            }
        }
        int lastEpoch = last != null ? last.epoch() : firstEpoch - 1;
        boolean restore = watch.seenAny() && keptEpoch != lastEpoch;
        if (restore && keptNetwork == null) {
            log.warn("the parameters of epoch {}, the best on validation, are not available; keeping epoch {}",
                    keptEpoch, lastEpoch);
        }
        if (!restore || keptNetwork == null) {
            return new Outcome(network, history, last == null ? null : last.test(),
                    last == null ? null : last.validation(), lastEpoch);
        }
        network.getNetwork().setParams(keptNetwork.params());
        if (keptNetwork.getUpdater().getStateViewArray() != null) {
            network.getNetwork().getUpdater().getStateViewArray().assign(keptNetwork.getUpdater().getStateViewArray());
        }
        if (kept == null) {
            kept = score(sc, network, data, workers, spec, keptEpoch);
        }
        log.info("keeping epoch {}: the best validation accuracy ({}%)", keptEpoch,
                String.format("%.2f", 100 * kept.validationAccuracy()));
        return new Outcome(network, history, kept.test(), kept.validation(), keptEpoch);
    }

    /** A watch over the validation accuracies of {@code prior}, the epochs a continued run trained before. */
    static ValidationWatch watch(int patience, List<EpochRow> prior) {
        ValidationWatch watch = new ValidationWatch(patience);
        prior.stream().filter(e -> e.validationAccuracy() != null).forEach(e -> watch.record(e.epoch(), e.validationAccuracy()));
        return watch;
    }

    /** One epoch's scores: validation and test (each null without that split: the estimator has no test split). */
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
        if (data.testFiles().isEmpty()) {
            return new Scores(epoch, validation, null);
        }
        try (SlowStep step = SlowStep.start(sc, "epoch " + epoch + ": scoring the test split")) {
            return new Scores(epoch, validation, DistributedEvaluator.evaluate(sc, network, data.testFiles(), workers,
                    PreparedData.EVAL_BATCH, spec.outputs()));
        }
    }
}
