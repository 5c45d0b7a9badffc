package dev.sparknet.jobs;

import dev.sparknet.artifacts.Json;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.artifacts.Provenance;
import dev.sparknet.artifacts.RunMetrics;
import dev.sparknet.artifacts.StagedOutput;
import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.config.TrainingConfig;
import dev.sparknet.data.MnistArrays;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.data.MnistFiles;
import dev.sparknet.data.ScratchDirectory;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.report.Reports;
import dev.sparknet.report.TestErrors;
import dev.sparknet.training.EpochFeed;
import dev.sparknet.training.TrainingListener;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Train on MNIST with parameter averaging, score the held-out test split after every epoch, publish
 * the model and metrics. The story: validate input, export minibatches once, train, evaluate, publish.
 */
public final class MnistJob {
    private static final Logger log = LoggerFactory.getLogger(MnistJob.class);
    /** Misclassified test digits drawn in errors.png. */
    static final int ERRORS_SHOWN = 36;

    private MnistJob() {
    }

    /** Runs the job and returns the published metrics. */
    public static Map<String, Object> run(MnistJobConfig config, TrainingListener listener) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Configuration hadoop = SparkContexts.hadoopConfigurationBeforeSpark();
        MnistDataset data = MnistFiles.locateAndValidate(config.data(), hadoop);
        TrainingConfig training = config.training();
        log.info("data {}: {} training and {} test images of {}x{}", config.data(), data.train().count(),
                data.test().count(), data.train().rows(), data.train().cols());

        try (StagedOutput output = StagedOutput.begin(config.output(), config.overwrite(), hadoop);
             JavaSparkContext sc = SparkContexts.start("sparknet mnist", config.master());
             ScratchDirectory scratch = ScratchDirectory.create(config.workDir(), output.target(), sc.hadoopConfiguration())) {
            int workers = training.workers() > 0 ? training.workers() : sc.defaultParallelism();
            MlpSpec spec = config.network(data.train().pixelsPerImage());
            PreparedData batches = PreparedData.export(sc, data, config.trainLimit(), config.testLimit(),
                    training.batchSize(), training.seed(), scratch, workers);
            EpochFeed feed = AugmentedTraining.feed(config.augment(), batches, training, data.train());
            DistributedRun.Outcome outcome = DistributedRun.trainAndScore(sc, spec, training, workers, batches, feed, listener);

            Map<String, Object> dataProvenance = new LinkedHashMap<>();
            dataProvenance.put("train", Provenance.split(data.train(), batches.trainCount()));
            dataProvenance.put("test", Provenance.split(data.test(), batches.testCount()));
            Map<String, Object> metrics = RunMetrics.finalMetrics(outcome.test(), (System.nanoTime() - t0) / 1e9,
                    outcome.history().epochs(),
                    Provenance.run("mnist", started, sc.master(), workers, config.settings(), dataProvenance));
            metrics.put("augmentation", config.augment().toMap(batches.trainCount()));
            ModelStore.save(outcome.network().getNetwork(), output, metrics);
            output.writeString("metrics.json", Json.write(metrics));
            Reports.write(output, metrics, outcome.test(), TestErrors.find(outcome.network().getNetwork(),
                    MnistArrays.read(data.test().imagesPath(), data.test().labelsPath(), batches.testCount(), hadoop),
                    data.test().rows(), data.test().cols(), ERRORS_SHOWN));
            if (feed.distorts()) {
                AugmentedTraining.writePreview(output, config.augment().elastic(), data.train(), batches.trainCount(),
                        training.seed(), hadoop);
            }
            output.publish();
            log.info("test accuracy {}% after {} epochs; model, metrics.json, plots and report.html published to {}",
                    String.format("%.2f", 100 * outcome.test().accuracy()), training.epochs(), output.target());
            return metrics;
        }
    }
}
