package dev.sparknet.jobs;

import dev.sparknet.artifacts.RunProvenance;
import dev.sparknet.artifacts.SplitProvenance;
import dev.sparknet.artifacts.StagedOutput;
import dev.sparknet.data.ScratchDirectory;
import dev.sparknet.spark.SparkContexts;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

import java.time.Instant;
import java.util.Map;

/**
 * The part every job that publishes to --output shares, so that each job is only its own story. A job
 * begins the harness (start time, the Hadoop configuration to check its input with before Spark
 * starts), checks its input, then {@link #run}s its body inside: the staged output, the SparkContext,
 * the scratch directory and the worker count. The output is published only when the body returns;
 * anything thrown leaves nothing at --output and stops Spark.
 */
public final class JobHarness {
    private final String job;
    private final Instant started = Instant.now();
    private final long t0 = System.nanoTime();
    private final Configuration hadoop = SparkContexts.hadoopConfigurationBeforeSpark();
    private String published;

    /** Where a job publishes and how it runs on Spark. {@code workers} 0 means Spark's default parallelism. */
    public record Target(String output, boolean overwrite, String master, String workDir, int workers) {
    }

    /** What the body works with. The scratch directory is made on first use: predict, for one, needs none. */
    public static final class Context implements AutoCloseable {
        private final JavaSparkContext sc;
        private final StagedOutput output;
        private final String workDir;
        private final int workers;
        private ScratchDirectory scratch;

        private Context(JavaSparkContext sc, StagedOutput output, String workDir, int workers) {
            this.sc = sc;
            this.output = output;
            this.workDir = workDir;
            this.workers = workers;
        }

        public JavaSparkContext sc() {
            return sc;
        }

        public StagedOutput output() {
            return output;
        }

        public int workers() {
            return workers;
        }

        public ScratchDirectory scratch() {
            if (scratch == null) {
                scratch = ScratchDirectory.create(workDir, output.target(), sc.hadoopConfiguration());
            }
            return scratch;
        }

        @Override
        public void close() {
            if (scratch != null) {
                scratch.close();
            }
        }
    }

    public interface Body<T> {
        T run(Context context);
    }

    private JobHarness(String job) {
        this.job = job;
    }

    public static JobHarness begin(String job) {
        return new JobHarness(job);
    }

    /** The Hadoop configuration Spark will use, available before it starts. */
    public Configuration hadoop() {
        return hadoop;
    }

    /** Runs {@code body} with Spark and a staged output, then publishes the output. */
    public <T> T run(Target target, Body<T> body) {
        try (StagedOutput output = StagedOutput.begin(target.output(), target.overwrite(), hadoop);
             JavaSparkContext sc = SparkContexts.start("sparknet " + job, target.master());
             Context context = new Context(sc, output, target.workDir(),
                     target.workers() > 0 ? target.workers() : sc.defaultParallelism())) {
            T result = body.run(context);
            output.publish();
            published = output.target();
            return result;
        }
    }

    /** Seconds since the job began. */
    public double seconds() {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Where this run came from, for the files it publishes. */
    public RunProvenance provenance(Context context, Map<String, String> settings, Map<String, SplitProvenance> data) {
        return RunProvenance.of(job, started, context.sc().master(), context.workers(), settings, data);
    }

    /** The published output's qualified path, once {@link #run} returned. */
    public String published() {
        return published;
    }
}
