package dev.sparknet.jobs;

import dev.sparknet.artifacts.Json;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.data.MnistArrays;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.data.NameNodeProbe;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.report.Reports;
import dev.sparknet.report.TestErrors;
import dev.sparknet.training.EpochFeed;
import dev.sparknet.training.TrainingConfig;
import dev.sparknet.training.TrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;


/**
 * Train on MNIST with parameter averaging, score the held-out test split after every epoch, publish
 * the model and metrics. The story: validate input (a Parquet dataset: convert it first), export minibatches
 * once, train, evaluate, publish.
 */
public final class MnistJob {
    private static final Logger log = LoggerFactory.getLogger(MnistJob.class);
    /** Misclassified test digits drawn in errors.png. */
    static final int ERRORS_SHOWN = 36;

    private MnistJob() {
    }

    /** Runs the job and returns the published metrics. */
    public static MetricsFile run(MnistJobConfig config, TrainingListener listener) {
        JobHarness job = JobHarness.begin("mnist");
        NameNodeProbe.requireAnswering(job.hadoop(), "--data", config.data().data(), "--output", config.output(),
                "--work-dir", config.workDir());
        TrainingConfig training = config.training();
        TrainingInput input = TrainingInput.check(config.data(), job.hadoop(), config::network, training,
                config.master());
        MetricsFile metrics = job.run(new JobHarness.Target(config.output(), config.overwrite(), config.master(),
                config.workDir(), training.workers()), run -> {
            MnistDataset data = input.dataset(run);
            log.info("data {}: {} training and {} test images of {}x{}", config.data().dir(), data.train().count(),
                    data.test().count(), data.train().rows(), data.train().cols());
            MlpSpec spec = config.network(data.train().pixelsPerImage(), data.numClasses());
            PreparedData batches = PreparedData.export(run.sc(), data, config.trainLimit(), config.testLimit(),
                    training, run.scratch(), run.workers());
            EpochFeed feed = AugmentedTraining.feed(config.augment(), batches, training, data.train());
            DistributedRun.Outcome outcome = DistributedRun.trainAndScore(run.sc(), spec, training, run.workers(),
                    batches, feed, listener);
            MetricsFile result = MetricsFile.of(outcome.test().scores(), job.seconds(), outcome.history().epochs(),
                    job.provenance(run, config.settings(), batches.provenance(data)))
                    .withAugmentation(config.augment().describe(batches.trainCount()));
            if (outcome.validation() != null) {
                result = result.withValidation(outcome.validation().accuracy(), outcome.keptEpoch());
            }
            ModelStore.save(outcome.network().getNetwork(), run.output(), result);
            run.output().writeString("metrics.json", Json.write(result));
            Map<String, byte[]> augmentPlot = feed.distorts() ? Map.of(AugmentedTraining.PREVIEW, AugmentedTraining
                    .preview(config.augment().elastic(), data.train(), batches.trainCount(), training.seed(), job.hadoop()))
                    : Map.of();
            Reports.write(run.output(), result, outcome.test(), TestErrors.find(outcome.network().getNetwork(),
                    MnistArrays.read(data.test().imagesPath(), data.test().labelsPath(), batches.testCount(), job.hadoop()),
                    data.test().rows(), data.test().cols(), ERRORS_SHOWN), augmentPlot);
            return result;
        });
        log.info("{}test accuracy {}% (epoch {}); model, metrics.json, plots and report.html published to {}",
                metrics.validationAccuracy() == null ? "" : "validation accuracy "
                        + String.format("%.2f", 100 * metrics.validationAccuracy()) + "%, ",
                String.format("%.2f", 100 * metrics.testAccuracy()),
                metrics.keptEpoch() != null ? metrics.keptEpoch() : metrics.epochs().size(), job.published());
        return metrics;
    }
}
