package dev.sparknet.approx;

import dev.sparknet.artifacts.Json;
import dev.sparknet.artifacts.StagedOutput;
import dev.sparknet.jobs.JobHarness;
import dev.sparknet.training.NativeThreads;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The universal-approximation experiment: a small network learns a polynomial from random samples
 * made on the executors, trained with parameter averaging, several times from different seeds; the
 * network best on a validation sample is scored inside and outside the training range, and plotted.
 */
public final class ApproxJob {
    private static final Logger log = LoggerFactory.getLogger(ApproxJob.class);

    private ApproxJob() {
    }

    /** Runs the job and returns what it published as metrics.json. */
    public static ApproxMetrics run(ApproxJobConfig config) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // fit.png is drawn without a display
        }
        JobHarness job = JobHarness.begin("approx");
        // Exact moments of the sampling distribution, known before any sample exists: no pass over the data.
        Standardizer standardizer = Standardizer.of(config.target(), config.range());

        // No --work-dir: the samples are made on the executors, nothing is exported to a scratch directory.
        ApproxMetrics out = job.run(new JobHarness.Target(config.output(), config.overwrite(), config.master(), "",
                config.training().workers()), run -> {
            JavaSparkContext sc = run.sc();
            if (sc.master().startsWith("local")) {
                NativeThreads.set(1); // tasks are threads of this JVM: one native thread each
            }
            Restarts restarts = Restarts.train(sc, config, standardizer, run.workers());
            FitScores scores = FitScores.of(config, standardizer, restarts.best().network());
            // The samples are described in metrics.json's own "data": there are no data files to record.
            ApproxMetrics metrics = ApproxMetrics.of(config, standardizer, restarts, scores, job.seconds(),
                    job.provenance(run, config.settings(), Map.of()));
            write(run.output(), config, metrics, scores.curve());
            return metrics;
        });
        log.info("mse_in_range {} (target variance {}), mse_out_of_range {}, best of {} restarts; "
                        + "metrics.json, curve.csv and fit.png published to {}",
                Numbers.brief(out.mseInRange()), Numbers.brief(out.targetVarianceInRange()),
                Numbers.brief(out.mseOutOfRange()), config.restarts(), job.published());
        return out;
    }

    private static void write(StagedOutput output, ApproxJobConfig config, ApproxMetrics metrics, FitCurve curve) {
        output.writeString("metrics.json", Json.write(metrics));
        output.writeString("curve.csv", curve.csv());
        try (OutputStream png = output.create("fit.png")) {
            FitPlot.writePng(png, curve, config.range(), metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fit.png", e);
        }
    }
}
