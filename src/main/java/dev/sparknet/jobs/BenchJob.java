package dev.sparknet.jobs;

import dev.sparknet.artifacts.EpochRow;
import dev.sparknet.artifacts.Json;
import dev.sparknet.artifacts.RunProvenance;
import dev.sparknet.bench.AugmentBenchResult;
import dev.sparknet.bench.BenchResult;
import dev.sparknet.bench.GemmProbe;
import dev.sparknet.bench.ScalingProjection;
import dev.sparknet.bench.ScalingReport;
import dev.sparknet.bench.WeakScalingReport;
import dev.sparknet.config.BenchJobConfig;
import dev.sparknet.data.BatchExport;
import dev.sparknet.data.ExampleOrder;
import dev.sparknet.data.ExampleSelection;
import dev.sparknet.data.MnistArrays;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.evaluation.ClassificationMetrics;
import dev.sparknet.evaluation.DistributedEvaluator;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.model.NetworkFactory;
import dev.sparknet.report.LearningCurvesPlot;
import dev.sparknet.report.Reports;
import dev.sparknet.training.EpochResult;
import dev.sparknet.training.LocalTrainer;
import dev.sparknet.training.TrainingConfig;
import dev.sparknet.training.TrainingListener;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures, in one run on the same data, network and batch size: ND4J's matrix-multiply speed at the
 * training's shapes (and from it the roofline), single-JVM training, and the distributed job.
 */
public final class BenchJob {
    static final List<Integer> PROJECTED_CLUSTER_SIZES = List.of(8, 32, 128);
    static final double NETWORK_GBPS = 10;
    private static final Logger log = LoggerFactory.getLogger(BenchJob.class);

    private BenchJob() {
    }

    public static BenchResult run(BenchJobConfig config, TrainingListener listener) {
        JobHarness job = JobHarness.begin("bench");
        Configuration hadoop = job.hadoop();
        TrainingConfig training = config.mnist().training();
        TrainingInput input = TrainingInput.check(config.mnist().data(), hadoop, config::network, training,
                config.mnist().master());
        int cores = Runtime.getRuntime().availableProcessors();

        BenchResult out = job.run(new JobHarness.Target(config.mnist().output(), config.mnist().overwrite(),
                config.mnist().master(), config.mnist().workDir(), training.workers()), run -> {
            // A Parquet --data is read with Spark: it starts here then, and idles through phases 1 and 2.
            MnistDataset data = input.dataset(run);
            MlpSpec spec = config.network(data.train().pixelsPerImage(), data.numClasses());
            int testCount = PreparedData.limit(data.test().count(), config.mnist().testLimit());

            // Phases 1 and 2 run before Spark starts (the harness starts it at the first run.sc() below), as a
            // plain DL4J program would, with no Spark threads competing for the cores.
            GemmProbe.Speed gemm = GemmProbe.measure(spec, training.batchSize(), cores, config.gemmSeconds());
            double roofline = gemm.best() * 1e9 / spec.trainingFlopsPerExample();
            log.info("matrix multiply at the training's shapes: {} GFLOP/s as one stream on {} cores, {} as {} "
                            + "single-threaded streams -> roofline {} examples/s", String.format("%.1f", gemm.oneStreamGflops()),
                    cores, String.format("%.1f", gemm.parallelGflops()), cores, String.format("%.0f", roofline));
            int singleThreads = Nd4j.getEnvironment().maxThreads();
            List<EpochRow> singleEpochs = config.skipSingle() ? List.of()
                    : trainSingleJvm(spec, training, data, config.mnist().trainLimit(), testCount, hadoop);

            // Phase 3: Spark starts here.
            JavaSparkContext sc = run.sc();
            int workers = run.workers();
            PreparedData batches = PreparedData.export(sc, data, config.mnist().trainLimit(), testCount, training,
                    run.scratch(), workers);
            DistributedRun.Outcome distributed = DistributedRun.trainAndScore(sc, spec, training, workers, batches, listener);
            List<EpochRow> distEpochs = distributed.history().epochs();
            double roundSeconds = RoundProbe.secondsPerRound(sc, distributed.network().getNetwork(), training, workers,
                    batches.trainFiles());

            ScalingProjection scaling = new ScalingProjection(spec.parameterCount(), 2 * spec.parameterCount(), 4,
                    batches.trainCount(), training.batchSize(), training.averagingFrequency(),
                    workers * meanSeconds(distEpochs), roundSeconds, NETWORK_GBPS);
            AugmentBenchResult augment = config.mnist().augment().elastic() == null ? null
                    : AugmentBench.run(sc, spec, training, workers, batches, config.mnist().augment(), data.train(),
                    distEpochs, listener, hadoop);
            WeakScalingReport weak = WeakScalingBench.run(sc, distributed.network(), training, workers, roundSeconds,
                    augment != null ? augment.augmentEpochs() : distEpochs, augment != null ? "elastic" : "plain",
                    PROJECTED_CLUSTER_SIZES, NETWORK_GBPS);
            BenchResult result = summary(config, spec, workers, cores, gemm, roofline, singleEpochs, distEpochs,
                    singleThreads, scaling.report(PROJECTED_CLUSTER_SIZES), weak, augment, jobJarBytes(),
                    job.provenance(run, config.settings(), batches.provenance(data)));
            run.output().writeString("bench.json", Json.write(result));
            Map<String, List<EpochRow>> curves = new LinkedHashMap<>();
            if (!singleEpochs.isEmpty()) {
                curves.put("single JVM", singleEpochs);
            }
            curves.put("distributed (" + workers + " workers)", distEpochs);
            if (augment != null) {
                curves.put("distributed, elastic distortions", augment.augmentEpochs());
            }
            Reports.writeBytes(run.output(), Reports.LEARNING_CURVES, LearningCurvesPlot.png(curves));
            return result;
        });
        log.info("bench.json published to {}", job.published());
        return out;
    }

    /** The same minibatches the distributed run gets (same seeded order), built in this JVM without Spark. */
    private static List<EpochRow> trainSingleJvm(MlpSpec spec, TrainingConfig training, MnistDataset data,
                                                            int trainLimit, int testCount, Configuration hadoop) {
        ExampleSelection selection = PreparedData.trainingSelection(data.train().count(), trainLimit, training);
        List<DataSet> train = batches(MnistArrays.read(data.train(), hadoop), selection.size(), training.batchSize(),
                selection.order(), spec.outputs());
        List<DataSet> test = batches(MnistArrays.read(data.test(), hadoop), testCount, PreparedData.EVAL_BATCH,
                ExampleOrder.identity(testCount), spec.outputs());
        MultiLayerNetwork network = NetworkFactory.create(spec);
        LocalTrainer trainer = new LocalTrainer(network, training.seed());
        List<EpochRow> epochs = new ArrayList<>();
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            network.setLearningRate(training.learningRate().forEpoch(epoch));
            EpochResult result = trainer.fitEpoch(epoch, train);
            Evaluation evaluation = network.evaluate(new ListDataSetIterator<>(test));
            ClassificationMetrics metrics = DistributedEvaluator.fromDl4j(evaluation, spec.outputs());
            epochs.add(new EpochRow(epoch, result.trainLoss(), metrics.accuracy(), result.seconds(),
                    result.examplesPerSecond(), null));
            log.info("single JVM epoch {}/{}: train loss {} | test accuracy {}% | {} s | {} examples/s", epoch,
                    training.epochs(), String.format("%.4f", result.trainLoss()),
                    String.format("%.2f", 100 * metrics.accuracy()), String.format("%.1f", result.seconds()),
                    String.format("%.0f", result.examplesPerSecond()));
        }
        return epochs;
    }

    private static List<DataSet> batches(MnistArrays arrays, int count, int batchSize, int[] order, int classes) {
        List<DataSet> out = new ArrayList<>();
        for (int from = 0; from < count; from += batchSize) {
            out.add(BatchExport.toDataSet(arrays, order, from, Math.min(count, from + batchSize), classes));
        }
        return out;
    }

    static BenchResult summary(BenchJobConfig config, MlpSpec spec, int workers, int cores, GemmProbe.Speed gemm,
                               double roofline, List<EpochRow> single, List<EpochRow> dist, int singleThreads,
                               ScalingReport scaling, WeakScalingReport weakScaling, AugmentBenchResult augment, Long jobJarBytes,
                               RunProvenance provenance) {
        double singleSpeed = meanSpeed(single);
        double distSpeed = meanSpeed(dist);
        TrainingConfig training = config.mnist().training();
        boolean hasSingle = !single.isEmpty();
        return new BenchResult(spec.describe(), training.batchSize(), training.epochs(), workers, cores,
                spec.trainingFlopsPerExample(), gemm.best(), gemm.oneStreamGflops(), gemm.parallelGflops(), roofline,
                hasSingle ? singleSpeed : null, distSpeed, hasSingle ? distSpeed / singleSpeed : null, distSpeed / roofline,
                hasSingle ? single.get(single.size() - 1).testAccuracy() : null,
                dist.isEmpty() ? null : dist.get(dist.size() - 1).testAccuracy(), config.targetAccuracy(),
                secondsToTarget(dist, config.targetAccuracy()), single, dist,
                new BenchResult.Settings(training.averagingFrequency(), config.mnist().learningRate(),
                        training.learningRate().decayPerEpoch(), training.prefetch(), training.seed(), singleThreads, 1),
                scaling, weakScaling, augment, jobJarBytes, provenance);
    }

    /** Training seconds (excluding evaluation) until the test accuracy first reached the target, or null. */
    static Double secondsToTarget(List<EpochRow> epochs, double target) {
        double seconds = 0;
        for (EpochRow e : epochs) {
            seconds += e.seconds();
            if (e.testAccuracy() >= target) {
                return seconds;
            }
        }
        return null;
    }

    /** Examples per second over all epochs: total examples over total training seconds. */
    static double meanSpeed(List<EpochRow> epochs) {
        double seconds = 0;
        double examples = 0;
        for (EpochRow e : epochs) {
            seconds += e.seconds();
            examples += e.seconds() * e.examplesPerSecond();
        }
        return seconds > 0 ? examples / seconds : 0;
    }

    private static double meanSeconds(List<EpochRow> epochs) {
        return epochs.stream().mapToDouble(EpochRow::seconds).average().orElse(0);
    }

    private static Long jobJarBytes() {
        try {
            File jar = new File(BenchJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.isFile() ? jar.length() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
