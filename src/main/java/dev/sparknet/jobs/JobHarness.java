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
 * the scratch directory and the worker count. Spark starts when the body first asks for it, so a body
 * may measure or train in this JVM alone first (bench does) with no Spark threads competing for the
 * cores. The output is published only when the body returns; anything thrown leaves nothing at
 * --output and stops Spark if it started.
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

    /**
     * What the body works with. Spark starts on the first call that needs it ({@link #sc}, {@link #workers},
     * {@link #scratch}, {@link JobHarness#provenance}); the scratch directory is made on first use: predict,
     * for one, needs none. Used from the body's thread only.
     */
    public static final class Context implements AutoCloseable {
        private final String appName;
        private final Target target;
        private final StagedOutput output;
        private JavaSparkContext sc;
        private int workers;
        private ScratchDirectory scratch;
        private boolean closed;

        private Context(String appName, Target target, StagedOutput output) {
            this.appName = appName;
            this.target = target;
            this.output = output;
        }

        /** The job's SparkContext, started on the first call. */
        public JavaSparkContext sc() {
            if (closed) {
                // A body that kept its context past run() must not start a Spark nobody will stop.
                throw new IllegalStateException("the job's run has ended; Spark is not started after it");
            }
            if (sc == null) {
                sc = SparkContexts.start(appName, target.master());
                workers = target.workers() > 0 ? target.workers() : sc.defaultParallelism();
            }
            return sc;
        }

        public StagedOutput output() {
            return output;
        }

        /** Spark tasks per stage: --workers, or Spark's default parallelism. Starts Spark. */
        public int workers() {
            sc();
            return workers;
        }

        /** Beside --output unless --work-dir says otherwise; on Spark's Hadoop configuration, so it starts Spark. */
        public ScratchDirectory scratch() {
            if (scratch == null) {
                scratch = ScratchDirectory.create(target.workDir(), output.target(), sc().hadoopConfiguration());
            }
            return scratch;
        }

        /** Removes the scratch directory, then stops Spark if it started; the staged output outlives both. */
        @Override
        public void close() {
            closed = true;
            try {
                if (scratch != null) {
                    scratch.close();
                }
            } finally {
                if (sc != null) {
                    sc.close();
                }
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

    /** Runs {@code body} with a staged output and Spark on demand, then publishes the output. */
    public <T> T run(Target target, Body<T> body) {
        try (StagedOutput output = StagedOutput.begin(target.output(), target.overwrite(), hadoop);
             Context context = new Context("sparknet " + job, target, output)) {
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

    /** Where this run came from, for the files it publishes. Starts Spark if the body has not. */
    public RunProvenance provenance(Context context, Map<String, String> settings, Map<String, SplitProvenance> data) {
        return RunProvenance.of(job, started, context.sc().master(), context.workers(), settings, data);
    }

    /** The published output's qualified path, once {@link #run} returned. */
    public String published() {
        return published;
    }
}
