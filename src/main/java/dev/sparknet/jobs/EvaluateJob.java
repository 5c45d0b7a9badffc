package dev.sparknet.jobs;

import dev.sparknet.BadInputException;
import dev.sparknet.artifacts.Json;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.artifacts.SplitProvenance;
import dev.sparknet.config.EvaluateJobConfig;
import dev.sparknet.data.BatchExport;
import dev.sparknet.data.ExampleSelection;
import dev.sparknet.data.MnistFiles;
import dev.sparknet.data.MnistSplit;
import dev.sparknet.data.NameNodeProbe;
import dev.sparknet.data.ParquetDataset;
import dev.sparknet.evaluation.ClassificationMetrics;
import dev.sparknet.evaluation.DistributedEvaluator;
import dev.sparknet.spark.SlowStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/** Reload a saved model and score it, distributed, on the held-out test split. */
public final class EvaluateJob {
    private static final Logger log = LoggerFactory.getLogger(EvaluateJob.class);

    private EvaluateJob() {
    }

    public static MetricsFile run(EvaluateJobConfig config) {
        JobHarness job = JobHarness.begin("evaluate");
        NameNodeProbe.requireAnswering(job.hadoop(), "--model", config.model(), "--data", config.data().data(),
                "--output", config.output(), "--work-dir", config.workDir());
        MultiLayerNetwork model = ModelStore.load(config.model(), job.hadoop());
        // A Parquet dataset needs Spark to be read: its test table is checked against the model inside the run.
        boolean parquet = DataFiles.isTables(config.data(), job.hadoop());
        String dir = parquet ? config.data().data() : DataFiles.ready(config.data());
        if (parquet) {
            ParquetDataset.requireTables(dir, job.hadoop());
        }
        MnistSplit idxTest = parquet ? null
                : againstModel(MnistFiles.locateAndValidateTest(dir, job.hadoop()), model, config.model());
        MetricsFile out = job.run(new JobHarness.Target(config.output(), config.overwrite(), config.master(),
                config.workDir(), config.workers()), run -> {
            MnistSplit test = idxTest != null ? idxTest
                    : againstModel(TrainingInput.readTables(run, dir).test(), model, config.model());
            int testCount = PreparedData.limit(test.count(), config.testLimit());
            ClassificationMetrics metrics;
            try (SlowStep step = SlowStep.start(run.sc(), "scoring the test split")) {
                List<String> files = BatchExport.export(run.sc(), test, ExampleSelection.inFileOrder(testCount), config.batchSize(),
                        run.scratch().resolve("test"), run.workers());
                // Scoring only: no training master needed.
                SparkDl4jMultiLayer network = new SparkDl4jMultiLayer(run.sc(), model, null);
                metrics = DistributedEvaluator.evaluate(run.sc(), network, files, run.workers(), config.batchSize(),
                        test.numClasses());
            }
            Map<String, String> settings = Map.of("model", config.model(), "data", dir,
                    "batch", Integer.toString(config.batchSize()));
            MetricsFile result = MetricsFile.of(metrics.scores(), job.seconds(), List.of(),
                    job.provenance(run, settings, Map.of("test", SplitProvenance.of(test, testCount))));
            run.output().writeString("metrics.json", Json.write(result));
            return result;
        });
        log.info("test accuracy {}% on {} images of {}; metrics.json published to {}",
                String.format("%.2f", 100 * out.testAccuracy()), out.testExamples(), dir, job.published());
        return out;
    }

    /**
     * The test split read against the model's K. Only a label the model has no output for is refused: a test
     * file may lack the top classes (a small sample of MNIST), and then scores them as classes with no support.
     */
    private static MnistSplit againstModel(MnistSplit test, MultiLayerNetwork model, String modelPath) {
        long modelInputs = model.layerInputSize(0);
        long modelOutputs = model.layerSize(model.getnLayers() - 1);
        if (modelInputs != test.pixelsPerImage() || modelOutputs < test.numClasses()) {
            String images = test.table() != null ? test.table() : test.imagesPath();
            String labels = test.table() != null ? test.table() : test.labelsPath();
            throw new BadInputException("--model " + modelPath + ": takes " + modelInputs + " inputs and gives "
                    + modelOutputs + " classes, but " + images + " has " + test.pixelsPerImage()
                    + " pixels per image and " + labels + " has labels 0.." + (test.numClasses() - 1));
        }
        return test.withNumClasses((int) modelOutputs);
    }
}
