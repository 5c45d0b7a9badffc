package dev.sparknet.approx;

import dev.sparknet.artifacts.Json;
import dev.sparknet.artifacts.RunProvenance;
import dev.sparknet.artifacts.StagedOutput;
import dev.sparknet.spark.SparkContexts;
import dev.sparknet.training.NativeThreads;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
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
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Configuration hadoop = SparkContexts.hadoopConfigurationBeforeSpark();
        // Exact moments of the sampling distribution, known before any sample exists: no pass over the data.
        Standardizer standardizer = Standardizer.of(config.target(), config.range());

        try (StagedOutput output = StagedOutput.begin(config.output(), config.overwrite(), hadoop);
             JavaSparkContext sc = SparkContexts.start("sparknet approx", config.master())) {
            int workers = config.training().workers() > 0 ? config.training().workers() : sc.defaultParallelism();
            if (sc.master().startsWith("local")) {
                NativeThreads.set(1); // tasks are threads of this JVM: one native thread each
            }
            Restarts restarts = Restarts.train(sc, config, standardizer, workers);
            FitScores scores = FitScores.of(config, standardizer, restarts.best().network());
            // The samples are described in metrics.json's own "data": there are no data files to record.
            RunProvenance provenance = RunProvenance.of("approx", started, sc.master(), workers, config.settings(),
                    Map.of());
            ApproxMetrics metrics = ApproxMetrics.of(config, standardizer, restarts, scores,
                    (System.nanoTime() - t0) / 1e9, provenance);
            publish(output, config, metrics, scores.curve());
            log.info("mse_in_range {} (target variance {}), mse_out_of_range {}, best of {} restarts; "
                            + "metrics.json, curve.csv and fit.png published to {}",
                    Numbers.brief(metrics.mseInRange()), Numbers.brief(metrics.targetVarianceInRange()),
                    Numbers.brief(metrics.mseOutOfRange()), config.restarts(), output.target());
            return metrics;
        }
    }

    private static void publish(StagedOutput output, ApproxJobConfig config, ApproxMetrics metrics, FitCurve curve) {
        output.writeString("metrics.json", Json.write(metrics));
        output.writeString("curve.csv", curve.csv());
        try (OutputStream png = output.create("fit.png")) {
            FitPlot.writePng(png, curve, config.range(), metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fit.png", e);
        }
        output.publish();
    }
}
