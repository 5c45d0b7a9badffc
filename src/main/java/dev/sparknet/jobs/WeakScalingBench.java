package dev.sparknet.jobs;

import dev.sparknet.artifacts.EpochRow;
import dev.sparknet.bench.WeakScalingProjection;
import dev.sparknet.bench.WeakScalingReport;
import dev.sparknet.training.RoundTrainingMaster;
import dev.sparknet.training.TrainingConfig;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkContext$;
import org.apache.spark.serializer.SerializerInstance;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingAggregationTuple;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * bench's weak-scaling constants, measured in the run: compute per minibatch per worker and the fixed cost
 * per round (from {@link RoundProbe} and the elastic run's epochs, or the plain run's with {@code --augment none}), the bytes DL4J broadcasts and aggregates
 * per round (the real objects, serialised by the job's own Spark serializer), Spark's broadcast block
 * size, the aggregation depth of the training master in use, and the driver's cost per task launched.
 */
final class WeakScalingBench {
    private static final Logger log = LoggerFactory.getLogger(WeakScalingBench.class);
    /** Jobs of empty tasks, with few and with many partitions, to time a task launch. */
    private static final int FEW = 2;
    private static final int MANY = 16;
    private static final int JOBS = 40;

    private WeakScalingBench() {
    }

    static WeakScalingReport run(JavaSparkContext sc, SparkDl4jMultiLayer trained, TrainingConfig training,
                                 int workers, double roundSeconds, List<EpochRow> epochs, String source,
                                 List<Integer> sizes, double linkGbps) {
        MultiLayerNetwork net = trained.getNetwork();
        INDArray params = net.params();
        INDArray updater = net.getUpdater() == null ? null : net.getUpdater().getStateViewArray();
        if (updater == null) { // not expected with saveUpdater; Adam's two moments then
            updater = Nd4j.zeros(params.dataType(), 2 * params.length());
        }
        SerializerInstance ser = sc.env().serializer().newInstance();
        long broadcast = ser.serialize(new NetBroadcastTuple(net.getLayerWiseConfigurations(), params, updater),
                JavaSparkContext$.MODULE$.fakeClassTag()).remaining();
        long result = ser.serialize(new ParameterAveragingAggregationTuple(params, updater, 0.0, 1, null, null, null,
                null), JavaSparkContext$.MODULE$.fakeClassTag()).remaining();
        long block = sc.getConf().getSizeAsBytes("spark.broadcast.blockSize", "4m");
        int depth = ((RoundTrainingMaster) trained.getTrainingMaster()).aggregationDepth();
        double perTask = taskLaunchSeconds(sc);
        double[] split = computeAndFixedSeconds(epochs, training, workers, roundSeconds);
        double perMinibatch = split[0];
        double fixed = split[1];
        log.info("weak scaling constants: {} s per minibatch per worker ({}), {} s fixed per round, broadcast {} bytes "
                        + "in {}-byte blocks, {} bytes per partial sum, treeAggregate depth {}, {} ms per task launch",
                String.format("%.4f", perMinibatch), source, String.format("%.3f", fixed), broadcast, block,
                result, depth, String.format("%.2f", perTask * 1e3));
        return new WeakScalingProjection(training.averagingFrequency(), perMinibatch, fixed, broadcast, result,
                block, depth, perTask, workers, linkGbps)
                .report(sizes, source);
    }

    /**
     * One worker's seconds per minibatch c1 and the fixed cost per round o, from the epochs 2.. (the first pays
     * for warm-up) and the probe's seconds per round P, whose rounds fit one minibatch per worker: P = o + c1 and
     * T = R o + (M / workers) c1 over T training seconds, R rounds and M minibatches, so
     * c1 = (T - R P) / (M / workers - R). When T < R P (the probe's rounds slower than the run's: noise, or
     * tiny rounds) c1 = T / (M / workers). Returns {c1, o}.
     */
    static double[] computeAndFixedSeconds(List<EpochRow> epochs, TrainingConfig training, int workers,
                                           double probeSecondsPerRound) {
        double seconds = 0;
        double perWorker = 0;
        double rounds = 0;
        for (EpochRow e : AugmentBench.steady(epochs)) {
            double minibatches = Math.ceil(e.seconds() * e.examplesPerSecond() / training.batchSize() - 1e-6);
            rounds += e.averagingRounds() != null ? e.averagingRounds()
                    : Math.ceil(minibatches / ((double) workers * training.averagingFrequency()));
            seconds += e.seconds();
            perWorker += minibatches / workers;
        }
        if (perWorker <= rounds) {
            return new double[]{0, probeSecondsPerRound};
        }
        double c1 = (seconds - rounds * probeSecondsPerRound) / (perWorker - rounds);
        if (c1 <= 0) { // the run's rounds were faster than the probe's (noise, or tiny rounds): no split
            c1 = seconds / perWorker;
            log.warn("weak scaling: training rounds took less than the probe's; compute per minibatch counted as "
                    + "all of the training time ({} s)", String.format("%.4f", c1));
        }
        return new double[]{c1, Math.max(0, probeSecondsPerRound - c1)};
    }

    /**
     * The driver's cost per task: jobs of {@link #MANY} and of {@link #FEW} empty tasks alternate; the median
     * difference over MANY - FEW. In local mode the executor's share of a task (deserialise, run, report) is
     * in it too, spread over the cores, so this is an upper bound for the driver's serial part.
     */
    static double taskLaunchSeconds(JavaSparkContext sc) {
        List<Integer> few = IntStream.range(0, FEW).boxed().toList();
        List<Integer> many = IntStream.range(0, MANY).boxed().toList();
        for (int warm = 0; warm < 5; warm++) {
            emptyJob(sc, few);
            emptyJob(sc, many);
        }
        double[] diffs = new double[JOBS];
        for (int j = 0; j < JOBS; j++) {
            double a = emptyJob(sc, j % 2 == 0 ? few : many);
            double b = emptyJob(sc, j % 2 == 0 ? many : few);
            diffs[j] = (j % 2 == 0 ? b - a : a - b) / (MANY - FEW);
        }
        Arrays.sort(diffs);
        return Math.max(0, (diffs[JOBS / 2 - 1] + diffs[JOBS / 2]) / 2);
    }

    private static double emptyJob(JavaSparkContext sc, List<Integer> partitions) {
        long start = System.nanoTime();
        sc.parallelize(partitions, partitions.size()).foreachPartition(it -> {
        });
        return (System.nanoTime() - start) / 1e9;
    }
}
