package dev.sparknet.jobs;

import dev.sparknet.spark.SlowStep;
import dev.sparknet.spark.SparkContexts;
import dev.sparknet.BadInputException;
import dev.sparknet.artifacts.Json;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.artifacts.RunProvenance;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.artifacts.SplitProvenance;
import dev.sparknet.artifacts.RunMetrics;
import dev.sparknet.artifacts.StagedOutput;
import dev.sparknet.config.EvaluateJobConfig;
import dev.sparknet.data.BatchExport;
import dev.sparknet.data.MnistFiles;
import dev.sparknet.data.MnistSplit;
import dev.sparknet.data.ScratchDirectory;
import dev.sparknet.evaluation.ClassificationMetrics;
import dev.sparknet.evaluation.DistributedEvaluator;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reload a saved model and score it, distributed, on the held-out test split. */
public final class EvaluateJob {
    private static final Logger log = LoggerFactory.getLogger(EvaluateJob.class);

    private EvaluateJob() {
    }

    public static MetricsFile run(EvaluateJobConfig config) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Configuration hadoop = SparkContexts.hadoopConfigurationBeforeSpark();
        MultiLayerNetwork model = ModelStore.load(config.model(), hadoop);
        MnistSplit test = MnistFiles.locateAndValidateTest(config.data(), hadoop);
        long modelInputs = model.layerInputSize(0);
        long modelOutputs = model.layerSize(model.getnLayers() - 1);
        if (modelInputs != test.pixelsPerImage() || modelOutputs != test.numClasses()) {
            throw new BadInputException("--model " + config.model() + ": takes " + modelInputs + " inputs and gives "
                    + modelOutputs + " classes, but " + test.imagesPath() + " has " + test.pixelsPerImage()
                    + " pixels per image and " + test.numClasses() + " classes");
        }
        int testCount = PreparedData.limit(test.count(), config.testLimit());

        try (StagedOutput output = StagedOutput.begin(config.output(), config.overwrite(), hadoop);
             JavaSparkContext sc = SparkContexts.start("sparknet evaluate", config.master());
             ScratchDirectory scratch = ScratchDirectory.create(config.workDir(), output.target(), sc.hadoopConfiguration())) {
            int workers = config.workers() > 0 ? config.workers() : sc.defaultParallelism();
            ClassificationMetrics metrics;
            try (SlowStep step = SlowStep.start(sc, "scoring the test split")) {
                List<String> files = BatchExport.export(sc, test, testCount, config.batchSize(), null,
                        scratch.resolve("test"), workers);
                // Scoring only: no training master needed.
                SparkDl4jMultiLayer network = new SparkDl4jMultiLayer(sc, model, null);
                metrics = DistributedEvaluator.evaluate(sc, network, files, workers, config.batchSize(),
                        test.numClasses());
            }
            Map<String, SplitProvenance> data = Map.of("test", SplitProvenance.of(test, testCount));
            Map<String, String> settings = Map.of("model", config.model(), "data", config.data(),
                    "batch", Integer.toString(config.batchSize()));
            MetricsFile out = MetricsFile.of(metrics.scores(), (System.nanoTime() - t0) / 1e9, List.of(),
                    RunProvenance.of("evaluate", started, sc.master(), workers, settings, data));
            output.writeString("metrics.json", Json.write(out));
            output.publish();
            log.info("test accuracy {}% on {} images of {}; metrics.json published to {}",
                    String.format("%.2f", 100 * metrics.accuracy()), metrics.total(), test.imagesPath(), output.target());
            return out;
        }
    }
}
