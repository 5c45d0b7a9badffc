package dev.sparknet.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost of growth: what one averaging round moves over the network and what that means for epoch
 * time at larger cluster sizes. A simple model, stated so that it can be argued with:
 * <ul>
 *   <li>each round the driver broadcasts parameters and updater state to every worker and collects the
 *       same amount back from each (DL4J's treeAggregate combines on executors, but the driver still
 *       receives one full copy per partition at depth 2 of a tree of size workers);</li>
 *   <li>the bytes go through the driver's link at {@code linkGbps};</li>
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

    public Map<String, Object> toMap(List<Integer> clusterSizes) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parameters", parameters);
        out.put("updater_state_values", updaterStateValues);
        out.put("bytes_per_worker_per_round", bytesPerWorkerPerRound());
        out.put("measured_round_overhead_seconds", roundOverheadSeconds);
        out.put("network_gbps", linkGbps);
        out.put("compute_seconds_per_epoch_one_worker", computeSecondsPerEpochOneWorker);
        Map<String, Object> projections = new LinkedHashMap<>();
        for (int n : clusterSizes) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("rounds_per_epoch", roundsPerEpoch(n));
            p.put("bytes_per_round", bytesPerWorkerPerRound() * (long) n);
            p.put("transfer_seconds_per_round", transferSecondsPerRound(n));
            p.put("epoch_seconds", epochSeconds(n));
            p.put("efficiency", efficiency(n));
            projections.put(String.valueOf(n), p);
        }
        out.put("projections", projections);
        return out;
    }
}
