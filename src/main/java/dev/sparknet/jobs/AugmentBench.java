package dev.sparknet.jobs;

import dev.sparknet.augment.AugmentPreview;
import dev.sparknet.augment.ElasticSettings;
import dev.sparknet.config.AugmentConfig;
import dev.sparknet.config.TrainingConfig;
import dev.sparknet.data.MnistArrays;
import dev.sparknet.data.MnistSplit;
import dev.sparknet.data.ByteBatchLoader;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.training.DistributedTrainer;
import dev.sparknet.training.DivergenceCheck;
import dev.sparknet.training.EpochFeed;
import dev.sparknet.training.EpochPass;
import dev.sparknet.training.EpochResult;
import dev.sparknet.training.TrainingListener;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bench's third measurement: the same distributed job with every training image elastically distorted
 * on the executors, against the plain run of the same bench; and the cost of one distortion on one thread.
 */
final class AugmentBench {
    private static final Logger log = LoggerFactory.getLogger(AugmentBench.class);
    /** Distortions timed on the driver, of the first PROBE_IMAGES training images. */
    private static final int PROBE_DISTORTIONS = 20_000;
    private static final int PROBE_IMAGES = 1000;
    /** Pairs of averaging rounds, plain and elastic, for the interleaved comparison. */
    private static final int PAIRS = 6;
    /** Epoch number the interleaved rounds are seeded with (beyond any real epoch). */
    private static final int PROBE_EPOCH = 10_000;

    private AugmentBench() {
    }

    /** The bench.json fields of the augmented run, given the plain run's epochs. */
    static Map<String, Object> run(JavaSparkContext sc, MlpSpec spec, TrainingConfig training, int workers,
                                   PreparedData batches, AugmentConfig augment, MnistSplit train,
                                   List<Map<String, Object>> plainEpochs, TrainingListener listener, Configuration hadoop) {
        ElasticSettings elastic = augment.elastic();
        int probeImages = Math.min(PROBE_IMAGES, batches.trainCount());
        MnistArrays probe = MnistArrays.read(train.imagesPath(), train.labelsPath(), probeImages, hadoop);
        double micros = AugmentPreview.microsecondsPerImage(elastic, train.rows(), train.cols(), probe.pixels(),
                probeImages, PROBE_DISTORTIONS);

        DistributedRun.Outcome run = DistributedRun.trainAndScore(sc, spec, training, workers, batches,
                AugmentedTraining.feed(augment, batches, training, train), listener);
        List<Map<String, Object>> epochs = run.history().epochs();
        double interleaved = interleavedRatio(sc, run.network(), training, workers, batches, augment, train);
        double plain = BenchJob.meanSpeed(steady(plainEpochs));
        double augmented = BenchJob.meanSpeed(steady(epochs));
        // one worker's time to fit one example, from the plain run: what a distortion is compared with
        double fitMicros = plain > 0 ? 1e6 * workers / plain : 0;
        log.info("elastic distortions: {} examples/s against {} plain ({}x; {}x in interleaved rounds); one distortion "
                        + "{} us on one thread, fitting one example {} us per worker", String.format("%.0f", augmented),
                String.format("%.0f", plain), String.format("%.3f", augmented / plain), String.format("%.3f", interleaved),
                String.format("%.1f", micros), String.format("%.0f", fitMicros));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("augment_examples_per_second", augmented);
        out.put("augment_vs_plain", plain > 0 ? augmented / plain : null);
        out.put("augment_vs_plain_epochs", epochs.size() > 1 ? "2.." + epochs.size()
                + " of each run (epoch 1 pays for warm-up)" : "1");
        out.put("augment_vs_plain_interleaved", interleaved);
        out.put("augment_test_accuracy", epochs.isEmpty() ? null : epochs.get(epochs.size() - 1).get("test_accuracy"));
        out.put("augment_microseconds_per_image", micros);
        out.put("fit_microseconds_per_example", fitMicros);
        out.put("augment_cost_vs_fit", fitMicros > 0 ? micros / fitMicros : null);
        out.put("augmentation", augment.toMap(batches.trainCount()));
        out.put("augment_epochs", epochs);
        return out;
    }

    /**
     * Elastic over plain throughput from averaging rounds that alternate between the two on the same
     * (trained) network and the same minibatches, {@link #PAIRS} of each, order swapped every pair: on a
     * shared machine the load drifts over minutes, and rounds seconds apart see nearly the same load.
     */
    private static double interleavedRatio(JavaSparkContext sc, SparkDl4jMultiLayer network, TrainingConfig training,
                                           int workers, PreparedData batches, AugmentConfig augment, MnistSplit train) {
        DistributedTrainer trainer = new DistributedTrainer(sc, network, workers, training.averagingFrequency(),
                training.seed(), TrainingListener.NONE, DivergenceCheck.NON_FINITE_ONLY);
        // whole minibatches only (the last file may be short), one averaging round's worth
        List<String> full = batches.trainFiles().subList(0, Math.max(1, batches.trainFiles().size() - 1));
        int perRound = Math.min(full.size(), workers * training.averagingFrequency());
        EpochFeed elastic = AugmentedTraining.feed(augment, batches, training, train);
        double[] seconds = new double[2];
        long[] examples = new long[2];
        for (int pair = 0; pair < PAIRS; pair++) {
            int from = (pair * perRound) % Math.max(1, full.size() - perRound + 1);
            List<String> files = full.subList(from, from + perRound);
            long n = (long) files.size() * training.batchSize();
            DataSetLoader distorting = elastic.passes(PROBE_EPOCH + pair).get(0).loader();
            for (int k = 0; k < 2; k++) {
                int which = (pair + k) % 2; // 0 plain, 1 elastic
                EpochPass pass = new EpochPass(files, which == 0 ? new ByteBatchLoader() : distorting, n);
                EpochResult result = trainer.fitEpoch(PROBE_EPOCH + pair, List.of(pass));
                seconds[which] += result.seconds();
                examples[which] += n;
            }
        }
        return (examples[1] / seconds[1]) / (examples[0] / seconds[0]);
    }

    /** Epochs 2.. of a run: the first pays for JIT compilation and Spark's warm-up, and only the first run's first epoch for all of it. */
    private static List<Map<String, Object>> steady(List<Map<String, Object>> epochs) {
        return epochs.size() > 1 ? epochs.subList(1, epochs.size()) : epochs;
    }
}
