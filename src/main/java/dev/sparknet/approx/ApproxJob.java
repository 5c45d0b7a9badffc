package dev.sparknet.approx;

import dev.sparknet.artifacts.Json;
import dev.sparknet.artifacts.RunProvenance;
import dev.sparknet.artifacts.StagedOutput;
import dev.sparknet.spark.SparkContexts;
import dev.sparknet.training.NativeThreads;
import dev.sparknet.training.TrainingConfig;
import dev.sparknet.training.TrainingDivergedException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The universal-approximation experiment: a small network learns a polynomial from random samples
 * made on the executors, trained with parameter averaging, several times from different seeds; the
 * network best on a validation sample is scored inside and outside the training range, and plotted.
 */
public final class ApproxJob {
    private static final Logger log = LoggerFactory.getLogger(ApproxJob.class);

    /** Fixed points x with their targets y at which a network is scored on the driver. */
    record Probe(double[] x, double[] y) {
        static Probe of(double[] x, Polynomial target) {
            return new Probe(x, Regression.apply(target::evaluate, x));
        }

        double mse(MultiLayerNetwork network, Standardizer standardizer) {
            return Regression.mse(Regression.predict(network, standardizer, x), y);
        }
    }

    /** Training samples regenerated on the driver (the first ones of the training stream) to report the training MSE. */
    private static final int TRAIN_PROBE = 4096;

    private ApproxJob() {
    }

    /** Runs the job and returns the published metrics. */
    public static Map<String, Object> run(ApproxJobConfig config) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // fit.png is drawn without a display
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Configuration hadoop = SparkContexts.hadoopConfigurationBeforeSpark();
        TrainingConfig training = config.training();
        Standardizer standardizer = Standardizer.of(config.target(), config.range());
        SampleGenerator.Spec spec = new SampleGenerator.Spec(config.target(), config.range(), training.seed(),
                config.samples());
        long seed = training.seed();
        Probe validation = Probe.of(SampleGenerator.xs(seed, SampleGenerator.Stream.VALIDATION,
                config.validationSamples(), config.range()), config.target());
        Probe train = Probe.of(SampleGenerator.xs(seed, SampleGenerator.Stream.TRAIN,
                Math.min(TRAIN_PROBE, config.samples()), config.range()), config.target());

        try (StagedOutput output = StagedOutput.begin(config.output(), config.overwrite(), hadoop);
             JavaSparkContext sc = SparkContexts.start("sparknet approx", config.master())) {
            int workers = training.workers() > 0 ? training.workers() : sc.defaultParallelism();
            if (sc.master().startsWith("local")) {
                NativeThreads.set(1); // tasks are threads of this JVM: one native thread each
            }
            int batchCount = SampleGenerator.batchCount(spec, training.batchSize());
            JavaRDD<DataSet> batches = SampleGenerator.minibatches(sc, spec, training.batchSize(), standardizer, workers)
                    .persist(StorageLevel.MEMORY_ONLY_SER());
            log.info("target y = {} on {}: variance {}; {} training samples in {} minibatches of {} on {} workers, "
                            + "averaging every {}; network {}, Adam lr {} x {}/epoch, {} epochs, {} restarts",
                    config.target(), config.range(), fmt(standardizer.yStd() * standardizer.yStd()), config.samples(),
                    batchCount, training.batchSize(), workers, training.averagingFrequency(),
                    config.network(0).describe(), training.learningRate().initial(),
                    training.learningRate().decayPerEpoch(), training.epochs(), config.restarts());
            if (config.restarts() > config.keep() && config.screenEpochs() < training.epochs()) {
                log.info("every restart trains {} epochs; the {} best on the validation sample train on to epoch {}",
                        config.screenEpochs(), config.keep(), training.epochs());
            }

            long trainStart = System.nanoTime();
            List<ApproxRestart> restarts = new ArrayList<>();
            for (int r = 0; r < config.restarts(); r++) {
                restarts.add(new ApproxRestart(sc, config, r, batches, batchCount, workers));
            }
            List<ApproxRestart> finalists = screen(config, restarts, standardizer, train, validation);
            for (ApproxRestart restart : finalists) {
                restart.trainUntil(training.epochs(), config, standardizer, train, validation);
                logRestart(config, restart);
            }
            double trainingSeconds = (System.nanoTime() - trainStart) / 1e9;
            batches.unpersist(false);
            ApproxRestart best = finalists.stream().filter(r -> !r.failed())
                    .min(Comparator.comparingDouble(ApproxRestart::rankingMse)).orElse(null);
            if (best == null) {
                throw new TrainingDivergedException("every restart diverged (" + restarts.get(0).failure() + ")");
            }

            ApproxReport report = ApproxReport.score(config, standardizer, best, restarts);
            Map<String, Object> metrics = report.metrics((System.nanoTime() - t0) / 1e9, trainingSeconds,
                    RunProvenance.of("approx", started, sc.master(), workers, config.settings(), Map.of()));
            output.writeString("metrics.json", Json.write(metrics));
            output.writeString("curve.csv", report.curveCsv());
            try (OutputStream png = output.create("fit.png")) {
                FitPlot.writePng(png, report.curve(), config.range(), report.title(), report.subtitle());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write fit.png", e);
            }
            output.publish();
            log.info("mse_in_range {} (target variance {}), mse_out_of_range {}, best of {} restarts; "
                            + "metrics.json, curve.csv and fit.png published to {}",
                    fmt(report.mseInRange()), fmt(report.targetVariance()), fmt(report.mseOutOfRange()),
                    config.restarts(), output.target());
            return metrics;
        }
    }

    /**
     * With more restarts than {@code --keep}, trains every restart for {@code --screen-epochs} epochs
     * and returns the {@code --keep} best on the validation sample (the others stop there); otherwise
     * returns all of them untrained.
     */
    private static List<ApproxRestart> screen(ApproxJobConfig config, List<ApproxRestart> restarts,
                                              Standardizer standardizer, Probe train, Probe validation) {
        if (restarts.size() <= config.keep() || config.screenEpochs() >= config.training().epochs()) {
            return restarts;
        }
        for (ApproxRestart restart : restarts) {
            restart.trainUntil(config.screenEpochs(), config, standardizer, train, validation);
            log.info("restart {}/{} (seed {}): validation mse {} after {} epochs (screening){}", restart.index() + 1,
                    restarts.size(), restart.seed(), fmt(restart.validationMse()), restart.epochsTrained(),
                    restart.failed() ? ": " + restart.failure() : "");
        }
        List<ApproxRestart> finalists = restarts.stream().filter(r -> !r.failed())
                .sorted(Comparator.comparingDouble(ApproxRestart::rankingMse)).limit(config.keep()).toList();
        log.info("screening kept restarts {} of {}", finalists.stream().map(r -> String.valueOf(r.index() + 1))
                .collect(Collectors.joining(", ")), restarts.size());
        return finalists;
    }

    private static void logRestart(ApproxJobConfig config, ApproxRestart restart) {
        log.info("restart {}/{} (seed {}): validation mse {} after {} epochs, {} s{}", restart.index() + 1,
                config.restarts(), restart.seed(), fmt(restart.validationMse()), restart.epochsTrained(),
                fmt(restart.seconds()), restart.failed() ? ": " + restart.failure() : "");
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 || v == 0 ? "%.1f" : "%.4g", v);
    }
}
