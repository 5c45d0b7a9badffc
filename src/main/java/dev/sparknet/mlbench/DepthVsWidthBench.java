package dev.sparknet.mlbench;

import dev.sparknet.artifacts.Json;
import dev.sparknet.config.DepthVsWidthConfig;
import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.jobs.DataFiles;
import dev.sparknet.jobs.JobHarness;
import dev.sparknet.model.MlpSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * `bench --depth-vs-width`: is a stack of hidden layers of the same total width "less sensitive" than one wide
 * layer, as the tutorial says? Each shape cross-validated over the same seeds and learning rates on the same
 * training rows (the test split untouched until each shape's chosen model is scored). Publishes depth-vs-width.json.
 */
public final class DepthVsWidthBench {
    static final String FILE = "depth-vs-width.json";
    private static final Logger log = LoggerFactory.getLogger(DepthVsWidthBench.class);

    private DepthVsWidthBench() {
    }

    public static DepthVsWidthResult run(DepthVsWidthConfig config) {
        MnistJobConfig mnist = config.mnist();
        JobHarness job = JobHarness.begin("bench");
        // the memory check against the widest shape: the one with the most parameters
        List<Integer> largest = config.shapes().stream().max((a, b) -> Long.compare(
                DepthVsWidth.parameters(DepthVsWidthConfig.layers(DataFiles.FETCHED_PIXELS, a, DataFiles.FETCHED_CLASSES)),
                DepthVsWidth.parameters(DepthVsWidthConfig.layers(DataFiles.FETCHED_PIXELS, b, DataFiles.FETCHED_CLASSES)))).orElseThrow();
        MnistDataset data = DataFiles.forTraining(mnist.data(), job.hadoop(), (inputs, classes) -> new MlpSpec(inputs,
                largest, classes, MlpSpec.Head.SOFTMAX_CROSS_ENTROPY, mnist.learningRate(), mnist.training().seed()),
                mnist.training(), mnist.master());
        DepthVsWidthResult out = job.run(new JobHarness.Target(mnist.output(), mnist.overwrite(), mnist.master(),
                mnist.workDir(), mnist.training().workers()), run -> {
            SparkSession spark = SparkSession.builder().sparkContext(run.sc().sc()).getOrCreate();
            int workers = run.workers();
            Dataset<Row> train = ScaledMnistFrame.of(spark, data.train(), config.rows(), workers, job.hadoop());
            Dataset<Row> test = ScaledMnistFrame.of(spark, data.test(), mnist.testLimit(), workers, job.hadoop());
            List<DepthVsWidthResult.Shape> shapes = new ArrayList<>();
            for (List<Integer> hidden : config.shapes()) {
                int[] layers = DepthVsWidthConfig.layers(data.train().pixelsPerImage(), hidden, data.numClasses());
                shapes.add(DepthVsWidth.run(config, layers, workers, run.scratch().resolve("cv"), train, test));
            }
            DepthVsWidthResult result = new DepthVsWidthResult((int) train.count(), (int) test.count(), config.folds(),
                    config.epochs(), Arrays.stream(config.seedValues()).boxed().toList(), config.learningRates(), shapes,
                    new DepthVsWidthResult.Settings(mnist.training().batchSize(), mnist.training().averagingFrequency(),
                            mnist.training().learningRate().decayPerEpoch(), mnist.training().seed()),
                    job.provenance(run, mnist.settings(), Map.of()));
            run.output().writeString(FILE, Json.write(result));
            train.unpersist();
            test.unpersist();
            return result;
        });
        log.info("{} published to {}", FILE, job.published());
        return out;
    }
}
