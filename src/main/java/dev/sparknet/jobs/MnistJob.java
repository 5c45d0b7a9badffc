package dev.sparknet.jobs;

import dev.sparknet.artifacts.Json;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.artifacts.Provenance;
import dev.sparknet.artifacts.RunMetrics;
import dev.sparknet.artifacts.StagedOutput;
import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.config.TrainingConfig;
import dev.sparknet.data.BatchExport;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.data.MnistFiles;
import dev.sparknet.data.ScratchDirectory;
import dev.sparknet.evaluation.ClassificationMetrics;
import dev.sparknet.evaluation.DistributedEvaluator;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.model.NetworkFactory;
import dev.sparknet.training.DistributedTrainer;
import dev.sparknet.training.EpochResult;
import dev.sparknet.training.TrainingListener;
import dev.sparknet.training.TrainingMasters;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Train on MNIST with parameter averaging, score the held-out test split after every epoch, publish
 * the model and metrics. The story: validate input, export minibatches once, train, evaluate, publish.
 */
public final class MnistJob {
    /** Test minibatches are larger than training ones: scoring has no gradients to hold. */
    static final int EVAL_BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(MnistJob.class);

    private MnistJob() {
    }

    /** Runs the job and returns the published metrics. */
    public static Map<String, Object> run(MnistJobConfig config, TrainingListener listener) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Configuration hadoop = SparkContexts.hadoopConfigurationBeforeSpark();
        MnistDataset data = MnistFiles.locateAndValidate(config.data(), hadoop);
        TrainingConfig training = config.training();
        int trainCount = limit(data.train().count(), config.trainLimit());
        int testCount = limit(data.test().count(), config.testLimit());
        log.info("data {}: {} training and {} test images of {}x{} (using {} and {})", config.data(),
                data.train().count(), data.test().count(), data.train().rows(), data.train().cols(), trainCount, testCount);

        try (StagedOutput output = StagedOutput.begin(config.output(), config.overwrite(), hadoop);
             JavaSparkContext sc = SparkContexts.start("sparknet mnist", config.master());
             ScratchDirectory scratch = ScratchDirectory.create(config.workDir(), output.target(), sc.hadoopConfiguration())) {
            int workers = training.workers() > 0 ? training.workers() : sc.defaultParallelism();
            MlpSpec spec = config.network(data.train().pixelsPerImage());

            long exportStart = System.nanoTime();
            List<String> trainFiles = BatchExport.export(sc, data.train(), trainCount, training.batchSize(),
                    training.seed(), scratch.resolve("train"), workers);
            List<String> testFiles = BatchExport.export(sc, data.test(), testCount, EVAL_BATCH, null,
                    scratch.resolve("test"), workers);
            log.info("exported {} training and {} test minibatches in {} s", trainFiles.size(), testFiles.size(),
                    String.format("%.1f", (System.nanoTime() - exportStart) / 1e9));

            SparkDl4jMultiLayer network = new SparkDl4jMultiLayer(sc, NetworkFactory.create(spec),
                    TrainingMasters.parameterAveraging(training, workers));
            log.info("network {} ({} parameters), Adam lr {}, batch {}, {} workers averaging every {} minibatches",
                    spec.describe(), spec.parameterCount(), spec.learningRate(), training.batchSize(), workers,
                    training.averagingFrequency());
            DistributedTrainer trainer = new DistributedTrainer(sc, network, workers, training.averagingFrequency(),
                    training.seed(), listener);

            RunMetrics history = new RunMetrics();
            ClassificationMetrics test = null;
            for (int epoch = 1; epoch <= training.epochs(); epoch++) {
                EpochResult result = trainer.fitEpoch(epoch, trainFiles, trainCount);
                test = DistributedEvaluator.evaluate(sc, network, testFiles, workers, EVAL_BATCH, spec.outputs());
                history.addEpoch(result, test.accuracy());
                log.info("epoch {}/{}: train loss {} | test accuracy {}% | {} s | {} examples/s", epoch,
                        training.epochs(), String.format("%.4f", result.trainLoss()),
                        String.format("%.2f", 100 * test.accuracy()), String.format("%.1f", result.seconds()),
                        String.format("%.0f", result.examplesPerSecond()));
            }

            Map<String, Object> dataProvenance = new LinkedHashMap<>();
            dataProvenance.put("train", Provenance.split(data.train(), trainCount));
            dataProvenance.put("test", Provenance.split(data.test(), testCount));
            Map<String, Object> metrics = RunMetrics.finalMetrics(test, (System.nanoTime() - t0) / 1e9,
                    history.epochs(), Provenance.run("mnist", started, sc.master(), workers, config.settings(), dataProvenance));
            ModelStore.save(network.getNetwork(), output);
            output.writeString("metrics.json", Json.write(metrics));
            output.publish();
            log.info("test accuracy {}% after {} epochs; model and metrics.json published to {}",
                    String.format("%.2f", 100 * test.accuracy()), training.epochs(), output.target());
            return metrics;
        }
    }

    private static int limit(int available, int limit) {
        return limit > 0 ? Math.min(limit, available) : available;
    }
}
