package dev.sparknet.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost of growth for MNIST's fixed epoch (strong scaling: the same 60,000 images cut among more
 * workers). A deliberately pessimistic model, kept beside {@link WeakScalingProjection}, which follows how
 * the bytes really travel:
 * <ul>
 *   <li>each round every worker receives parameters and updater state and sends the same amount back;</li>
 *   <li>all of it goes through the driver's link at {@code linkGbps} (in fact TorrentBroadcast lets executors
 *       serve each other, and Spark's treeAggregate at depth 2 hands the driver about sqrt(N) partial sums,
 *       not N: see {@link WeakScalingProjection});</li>
 *   <li>compute splits perfectly across workers and the fixed per-round overhead (task launch,
 *       scheduling) stays what was measured here.</li>
 * </ul>
 */
public record ScalingProjection(long parameters, long updaterStateValues, int bytesPerValue, int examplesPerEpoch,
                                int batchSize, int averagingFrequency, double computeSecondsPerEpochOneWorker,
                                double roundOverheadSeconds, double linkGbps) {

    public long bytesPerWorkerPerRound() {
        // down (broadcast) + up (result): parameters and updater state each way
        return 2L * (parameters + updaterStateValues) * bytesPerValue;
    }

    public int roundsPerEpoch(int workers) {
        int batches = (examplesPerEpoch + batchSize - 1) / batchSize;
        return Math.max(1, (batches + workers * averagingFrequency - 1) / (workers * averagingFrequency));
    }

    public double transferSecondsPerRound(int workers) {
        return bytesPerWorkerPerRound() * (double) workers * 8 / (linkGbps * 1e9);
    }

    public double epochSeconds(int workers) {
        return computeSecondsPerEpochOneWorker / workers
                + roundsPerEpoch(workers) * (roundOverheadSeconds + transferSecondsPerRound(workers));
    }

    /** Speed-up over one worker divided by the number of workers (1.0 = perfect scaling). */
    public double efficiency(int workers) {
        return epochSeconds(1) / (workers * epochSeconds(workers));
    }

    public ScalingReport report(List<Integer> clusterSizes) {
        Map<String, ScalingReport.Projection> projections = new LinkedHashMap<>();
        for (int n : clusterSizes) {
            projections.put(String.valueOf(n), new ScalingReport.Projection(roundsPerEpoch(n),
                    bytesPerWorkerPerRound() * (long) n, transferSecondsPerRound(n), epochSeconds(n), efficiency(n)));
        }
        return new ScalingReport(parameters, updaterStateValues, bytesPerWorkerPerRound(), roundOverheadSeconds, linkGbps,
                computeSecondsPerEpochOneWorker, projections);
    }
}
