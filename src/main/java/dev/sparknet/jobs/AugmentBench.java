package dev.sparknet.jobs;

import dev.sparknet.artifacts.EpochRow;
import dev.sparknet.augment.AugmentPreview;
import dev.sparknet.bench.AugmentBenchResult;
import dev.sparknet.augment.ElasticSettings;
import dev.sparknet.config.AugmentConfig;
import dev.sparknet.data.ByteBatchLoader;
import dev.sparknet.data.MnistArrays;
import dev.sparknet.data.MnistSplit;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.training.DistributedTrainer;
import dev.sparknet.training.DivergenceCheck;
import dev.sparknet.training.EpochFeed;
import dev.sparknet.training.EpochPass;
import dev.sparknet.training.EpochResult;
import dev.sparknet.training.TrainingConfig;
import dev.sparknet.training.TrainingListener;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;

/**
 * bench's elastic measurement: the distributed job again with every training image elastically distorted
 * on the executors (its speed, accuracy and curve), how its speed compares with the plain job's, and what
 * one distortion costs on one thread.
 *
 * <p>The comparison ({@code augment_vs_plain}) is the median over {@link #PAIRS} pairs of averaging rounds,
 * one plain and one elastic, back to back on the same network and minibatches (which goes first alternates):
 * on a shared machine the load drifts over minutes, so two whole runs minutes apart can differ by a factor
 * of two either way (measured here: 0.67 to 2.06), while rounds seconds apart see nearly the same load.
 * The whole-run ratio is recorded too ({@code augment_vs_plain_whole_runs}).
 */
final class AugmentBench {
    private static final Logger log = LoggerFactory.getLogger(AugmentBench.class);
    /** Distortions timed on the driver, of the first PROBE_IMAGES training images. */
    private static final int PROBE_DISTORTIONS = 20_000;
    private static final int PROBE_IMAGES = 1000;
    /** Pairs of averaging rounds, plain and elastic, for the comparison. */
    private static final int PAIRS = 10;
    /** Epoch number the interleaved rounds are seeded with (beyond any real epoch). */
    private static final int PROBE_EPOCH = 10_000;

    private AugmentBench() {
    }

    /** The bench.json fields of the elastic measurement, given the plain run's epochs. */
    static AugmentBenchResult run(JavaSparkContext sc, MlpSpec spec, TrainingConfig training, int workers,
                                  PreparedData batches, AugmentConfig augment, MnistSplit train,
                                  List<EpochRow> plainEpochs, TrainingListener listener, Configuration hadoop) {
        ElasticSettings elastic = augment.elastic();
        int probeImages = Math.min(PROBE_IMAGES, batches.trainCount());
        MnistArrays probe = MnistArrays.read(train.imagesPath(), train.labelsPath(), probeImages, hadoop);
        double micros = AugmentPreview.microsecondsPerImage(elastic, train.rows(), train.cols(), probe.pixels(),
                probeImages, PROBE_DISTORTIONS);

        EpochFeed feed = AugmentedTraining.feed(augment, batches, training, train);
        DistributedRun.Outcome run = DistributedRun.trainAndScore(sc, spec, training, workers, batches, feed, listener);
        List<EpochRow> epochs = run.history().epochs();
        double ratio = interleavedRatio(sc, run.network(), training, workers, batches, feed);
        double plain = BenchJob.meanSpeed(steady(plainEpochs));
        double augmented = BenchJob.meanSpeed(steady(epochs));
        // one worker's time to fit one example, from the plain run: what a distortion is compared with
        double fitMicros = plain > 0 ? 1e6 * workers / plain : 0;
        log.info("elastic distortions: {}x the plain job's examples/s in back-to-back rounds ({} against {} over "
                        + "whole runs); one distortion {} us on one thread, fitting one example {} us per worker",
                String.format("%.3f", ratio), String.format("%.0f", augmented), String.format("%.0f", plain),
                String.format("%.1f", micros), String.format("%.0f", fitMicros));

        return new AugmentBenchResult(augmented, ratio, "median of " + PAIRS + " pairs of back-to-back averaging rounds "
                + "(plain, elastic) on the same network and minibatches", plain > 0 ? augmented / plain : null,
                epochs.size() > 1 ? "2.." + epochs.size() + " of each run (epoch 1 pays for warm-up)" : "1",
                epochs.isEmpty() ? null : epochs.get(epochs.size() - 1).testAccuracy(), micros, fitMicros,
                fitMicros > 0 ? micros / fitMicros : null, augment.describe(batches.trainCount()), epochs);
    }

    /** Median over pairs of back-to-back rounds of (elastic examples/s) / (plain examples/s). */
    private static double interleavedRatio(JavaSparkContext sc, SparkDl4jMultiLayer network, TrainingConfig training,
                                           int workers, PreparedData batches, EpochFeed elastic) {
        DistributedTrainer trainer = new DistributedTrainer(sc, network, workers, training.averagingFrequency(),
                training.seed(), TrainingListener.NONE, DivergenceCheck.NON_FINITE_ONLY);
        // whole minibatches only (the last file may be short), one averaging round's worth
        List<String> full = batches.trainFiles().subList(0, Math.max(1, batches.trainFiles().size() - 1));
        int perRound = Math.min(full.size(), workers * training.averagingFrequency());
        double[] ratios = new double[PAIRS];
        StringBuilder rounds = new StringBuilder();
        for (int pair = 0; pair < PAIRS; pair++) {
            int from = (pair * perRound) % (full.size() - perRound + 1);
            List<String> files = full.subList(from, from + perRound);
            long n = (long) files.size() * training.batchSize();
            DataSetLoader distorting = elastic.passes(PROBE_EPOCH + pair).get(0).loader();
            double[] speed = new double[2];
            for (int k = 0; k < 2; k++) {
                int which = (pair + k) % 2; // 0 plain, 1 elastic
                EpochPass pass = new EpochPass(files, which == 0 ? new ByteBatchLoader() : distorting, n);
                EpochResult result = trainer.fitEpoch(PROBE_EPOCH + pair, List.of(pass));
                speed[which] = n / result.seconds();
            }
            ratios[pair] = speed[1] / speed[0];
            rounds.append(String.format(" %.0f/%.0f", speed[0], speed[1]));
        }
        log.info("back-to-back averaging rounds, plain/elastic examples/s:{}", rounds);
        Arrays.sort(ratios);
        return PAIRS % 2 == 1 ? ratios[PAIRS / 2] : (ratios[PAIRS / 2 - 1] + ratios[PAIRS / 2]) / 2;
    }

    /** Epochs 2.. of a run: the first pays for JIT compilation and Spark's warm-up, and only the first run's first epoch for all of it. */
    static List<EpochRow> steady(List<EpochRow> epochs) {
        return epochs.size() > 1 ? epochs.subList(1, epochs.size()) : epochs;
    }
}
