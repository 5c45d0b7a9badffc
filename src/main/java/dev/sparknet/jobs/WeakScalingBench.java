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
 * bench's weak-scaling constants, measured in the run: compute per minibatch per worker (from the elastic
 * run's epochs, or the plain run's with {@code --augment none}), the bytes DL4J broadcasts and aggregates
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
        double perMinibatch = computeSecondsPerMinibatch(epochs, training, workers, roundSeconds);
        log.info("weak scaling constants: {} s per minibatch per worker ({}), {} s fixed per round, broadcast {} bytes "
                        + "in {}-byte blocks, {} bytes per partial sum, treeAggregate depth {}, {} ms per task launch",
                String.format("%.4f", perMinibatch), source, String.format("%.3f", roundSeconds), broadcast, block,
                result, depth, String.format("%.2f", perTask * 1e3));
        return new WeakScalingProjection(training.averagingFrequency(), perMinibatch, roundSeconds, broadcast, result,
                block, depth, perTask, workers, linkGbps)
                .report(sizes, source);
    }

    /**
     * One worker's seconds per minibatch with the round overhead taken out: over epochs 2.. (the first pays
     * for warm-up), (training seconds - rounds x roundSeconds) / (minibatches / workers).
     */
    static double computeSecondsPerMinibatch(List<EpochRow> epochs, TrainingConfig training, int workers,
                                             double roundSeconds) {
        List<EpochRow> steady = epochs.size() > 1 ? epochs.subList(1, epochs.size()) : epochs;
        double seconds = 0;
        double perWorker = 0;
        for (EpochRow e : steady) {
            double minibatches = Math.ceil(e.seconds() * e.examplesPerSecond() / training.batchSize() - 1e-6);
            int rounds = e.averagingRounds() != null ? e.averagingRounds()
                    : (int) Math.ceil(minibatches / ((double) workers * training.averagingFrequency()));
            seconds += Math.max(0, e.seconds() - rounds * roundSeconds);
            perWorker += minibatches / workers;
        }
        return perWorker > 0 ? seconds / perWorker : 0;
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
