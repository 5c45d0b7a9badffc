package dev.sparknet.mlbench;

import dev.sparknet.artifacts.Json;
import dev.sparknet.artifacts.RunProvenance;
import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.jobs.DataFiles;
import dev.sparknet.jobs.JobHarness;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.spark.SparkContexts;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * What both Spark ML benches do around their own measurement: the data read and checked (its memory against the
 * largest network the bench fits) before Spark starts, both splits as cached DataFrames on the job's Spark, the
 * result published as one JSON file, the frames released.
 */
final class FrameBench {
    private static final Logger log = LoggerFactory.getLogger(FrameBench.class);

    /** What a bench measures with: the validated data, its splits as DataFrames, the run's Spark and workers. */
    record Frames(JobHarness job, JobHarness.Context run, MnistDataset data, Dataset<Row> train, Dataset<Row> test,
                  int workers) {
        RunProvenance provenance(MnistJobConfig mnist) {
            return job.provenance(run, mnist.settings(), Map.of());
        }
    }

    interface Measurement<T> {
        T measure(Frames frames);
    }

    private FrameBench() {
    }

    /**
     * @param largestHidden hidden widths of the largest network the bench fits (for the memory check)
     * @param trainLimit    training rows in the frame (0 = all)
     */
    static <T> T run(MnistJobConfig mnist, List<Integer> largestHidden, int trainLimit, String file,
                     Measurement<T> measurement) {
        JobHarness job = JobHarness.begin("bench");
        MnistDataset data = DataFiles.forTraining(mnist.data(), job.hadoop(), (inputs, classes) -> new MlpSpec(inputs,
                largestHidden, classes, MlpSpec.Head.SOFTMAX_CROSS_ENTROPY, mnist.learningRate(), mnist.training().seed()),
                mnist.training(), mnist.master());
        T out = job.run(new JobHarness.Target(mnist.output(), mnist.overwrite(), mnist.master(), mnist.workDir(),
                mnist.training().workers()), run -> {
            SparkSession spark = SparkContexts.session(run.sc());
            int workers = run.workers();
            Dataset<Row> train = ScaledMnistFrame.of(spark, data.train(), trainLimit, workers, job.hadoop());
            Dataset<Row> test = ScaledMnistFrame.of(spark, data.test(), mnist.testLimit(), workers, job.hadoop());
            try {
                T result = measurement.measure(new Frames(job, run, data, train, test, workers));
                run.output().writeString(file, Json.write(result));
                return result;
            } finally {
                train.unpersist();
                test.unpersist();
            }
        });
        log.info("{} published to {}", file, job.published());
        return out;
    }
}
