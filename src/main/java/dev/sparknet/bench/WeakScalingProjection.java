package dev.sparknet.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weak scaling of parameter averaging: N executors, each distorting and fitting its own
 * {@code averagingFrequency} minibatches per round (rounds of the same size per executor, so an epoch
 * grows with the cluster), projected from constants measured in one bench run. One round costs
 * <pre>
 *   c + o + t(N) + s(N)
 * </pre>
 * <ul>
 *   <li>c = averagingFrequency x {@code computeSecondsPerMinibatch}: one worker fitting (and distorting) its
 *       share; unchanged by N, since every executor has its own cores;</li>
 *   <li>o = {@code roundOverheadSeconds}: the fixed cost of a round measured here with
 *       {@code measuredTasksPerRound} workers in one JVM (serialising the broadcast and the results,
 *       launching the tasks, averaging on the driver); everything in it is done once per round or in
 *       parallel on the executors, so it is taken as independent of N;</li>
 *   <li>t(N), network time on a {@code linkGbps} link per machine, following what DL4J 1.0.0-M2 does
 *       each round:
 *     <ol>
 *       <li>broadcast ({@code sc.broadcast}, TorrentBroadcast) of {@code broadcastBytes} cut into
 *           {@code broadcastBlockBytes} blocks; every executor fetches every block from the driver or from
 *           an executor that already has it. Assumed an ideal pipelined torrent: each executor's inbound is
 *           the whole state once, and the copies of a block double every block-time, so the last copy lands
 *           ceil(log2(N+1)) - 1 block-times later; the driver's outbound is then at least one copy.
 *           {@code broadcast_seconds_driver_only} is the bound the other way (the driver sends all
 *           N copies, as when every executor fetches from it at once);</li>
 *       <li>{@code treeAggregate(depth)} of the per-partition results ({@code resultBytes}: parameter sum and
 *           updater-state sum), exactly as Spark 3.5 plans it ({@link #treeLevels}): at each shuffle level
 *           reducer j receives the partial sums of the partitions i with i mod n = j, assumed all remote;
 *           levels run one after the other;</li>
 *       <li>the driver receives the last level's partial sums, one after the other through its link;</li>
 *     </ol></li>
 *   <li>s(N) = (tasks(N) - measuredTasksPerRound) x {@code taskLaunchSeconds}: the driver launches tasks one
 *       by one (N training tasks plus the reducers of each shuffle level); those of the measured round are
 *       already in o.</li>
 * </ul>
 * Efficiency(N) = (c + o) / (c + o + t(N) + s(N)): the round measured here, whose transfers stay inside
 * one JVM, over the same round on N machines; 1.0 means the cluster fits N times the examples in the same
 * time. Not modelled: waiting for the slowest executor, shuffle files on disk, stage start-up.
 */
public record WeakScalingProjection(int averagingFrequency, double computeSecondsPerMinibatch,
                                    double roundOverheadSeconds, long broadcastBytes, long resultBytes,
                                    long broadcastBlockBytes, int aggregationDepth, double taskLaunchSeconds,
                                    int measuredTasksPerRound, double linkGbps) {

    /**
     * Partition counts of Spark 3.5's {@code RDD.treeAggregate(zero, seqOp, combOp, depth)}: the first is
     * {@code partitions}, each further one a shuffle level, the last what the driver folds. scale =
     * max(ceil(n^(1/depth)), 2) from the first count; while n > scale + ceil(n / scale): n /= scale.
     */
    public static List<Integer> treeLevels(int partitions, int depth) {
        List<Integer> levels = new ArrayList<>(List.of(partitions));
        int n = partitions;
        int scale = Math.max((int) Math.ceil(Math.pow(n, 1.0 / depth)), 2);
        while (n > scale + Math.ceil((double) n / scale)) {
            n /= scale;
            levels.add(n);
        }
        return levels;
    }

    private double seconds(double bytes) {
        return bytes * 8 / (linkGbps * 1e9);
    }

    public double computeSecondsPerRound(int frequency) {
        return frequency * computeSecondsPerMinibatch;
    }

    public double broadcastSeconds(int executors) {
        int extraBlocks = (int) Math.ceil(Math.log(executors + 1) / Math.log(2) - 1e-12) - 1;
        return seconds(broadcastBytes + (double) extraBlocks * Math.min(broadcastBlockBytes, broadcastBytes));
    }

    public double broadcastSecondsDriverOnly(int executors) {
        return seconds((double) executors * broadcastBytes);
    }

    /** The shuffle levels: per level, the largest number of partial sums one reducer receives. */
    public double shuffleSeconds(int executors) {
        List<Integer> levels = treeLevels(executors, aggregationDepth);
        double total = 0;
        for (int l = 1; l < levels.size(); l++) {
            int from = levels.get(l - 1);
            int to = levels.get(l);
            total += seconds((double) ((from + to - 1) / to) * resultBytes);
        }
        return total;
    }

    public int driverInboundResults(int executors) {
        List<Integer> levels = treeLevels(executors, aggregationDepth);
        return levels.get(levels.size() - 1);
    }

    public double driverInboundSeconds(int executors) {
        return seconds((double) driverInboundResults(executors) * resultBytes);
    }

    public double transferSeconds(int executors) {
        return broadcastSeconds(executors) + shuffleSeconds(executors) + driverInboundSeconds(executors);
    }

    /** Tasks the driver launches per round: the training tasks and every shuffle level's reducers. */
    public int tasksPerRound(int executors) {
        return treeLevels(executors, aggregationDepth).stream().mapToInt(Integer::intValue).sum();
    }

    public double schedulingSeconds(int executors) {
        return Math.max(0, tasksPerRound(executors) - measuredTasksPerRound) * taskLaunchSeconds;
    }

    public double efficiency(int executors) {
        return efficiency(executors, averagingFrequency);
    }

    public double efficiency(int executors, int frequency) {
        double useful = computeSecondsPerRound(frequency) + roundOverheadSeconds;
        return useful / (useful + transferSeconds(executors) + schedulingSeconds(executors));
    }

    /**
     * The smallest averaging frequency (minibatches per worker per round) that reaches {@code target}; 0 when
     * compute per minibatch is 0 (unmeasured: no frequency is meaningful).
     */
    public int minAveragingFrequency(int executors, double target) {
        return minFrequency(transferSeconds(executors) + schedulingSeconds(executors), target);
    }

    /** 0 when nothing was measured to compute with (compute per minibatch 0). */
    private int minFrequency(double extraSeconds, double target) {
        if (computeSecondsPerMinibatch <= 0) {
            return 0;
        }
        double needed = target / (1 - target) * extraSeconds - roundOverheadSeconds;
        return Math.max(1, (int) Math.ceil(needed / computeSecondsPerMinibatch - 1e-9));
    }

    /**
     * The fallback the model is asked about, an executor-side sliced all-reduce: each of N tasks owns 1/N of
     * the parameters and updater state and sends and receives 2(N-1)/N of the state (reduce-scatter, then
     * all-gather); the driver launches N training tasks and N slice tasks and moves no tensor.
     */
    public double allReduceTransferSeconds(int executors) {
        return seconds(2.0 * (executors - 1) / executors * resultBytes);
    }

    public double allReduceSchedulingSeconds(int executors) {
        return Math.max(0, 2 * executors - measuredTasksPerRound) * taskLaunchSeconds;
    }

    public double allReduceEfficiency(int executors) {
        double useful = computeSecondsPerRound(averagingFrequency) + roundOverheadSeconds;
        return useful / (useful + allReduceTransferSeconds(executors) + allReduceSchedulingSeconds(executors));
    }

    public int allReduceMinAveragingFrequency(int executors, double target) {
        return minFrequency(allReduceTransferSeconds(executors) + allReduceSchedulingSeconds(executors), target);
    }

    public WeakScalingReport report(List<Integer> clusterSizes, String computeSource) {
        Map<String, WeakScalingReport.Projection> projections = new LinkedHashMap<>();
        for (int n : clusterSizes) {
            projections.put(String.valueOf(n), new WeakScalingReport.Projection(treeLevels(n, aggregationDepth),
                    tasksPerRound(n), broadcastSeconds(n), broadcastSecondsDriverOnly(n), shuffleSeconds(n),
                    driverInboundSeconds(n), transferSeconds(n), schedulingSeconds(n),
                    computeSecondsPerRound(averagingFrequency) + roundOverheadSeconds + transferSeconds(n)
                            + schedulingSeconds(n), efficiency(n), minAveragingFrequency(n, 0.9),
                    minAveragingFrequency(n, 0.75), allReduceTransferSeconds(n) + allReduceSchedulingSeconds(n),
                    allReduceEfficiency(n), allReduceMinAveragingFrequency(n, 0.9),
                    allReduceMinAveragingFrequency(n, 0.75)));
        }
        return new WeakScalingReport(this, computeSource, computeSecondsPerRound(averagingFrequency), projections);
    }
}
