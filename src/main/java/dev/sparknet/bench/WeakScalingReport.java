package dev.sparknet.bench;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;
import java.util.Map;

/**
 * bench.json's "weak_scaling": the constants measured in the run ({@link WeakScalingProjection}'s fields),
 * where the compute figure came from, and per cluster size the projected round.
 */
public record WeakScalingReport(@JsonUnwrapped WeakScalingProjection constants, String computeSource,
                                double computeSecondsPerRound, Map<String, Projection> projections) {

    /**
     * One cluster size: treeAggregate's partition counts per level, tasks launched per round, the seconds of
     * each transfer and of scheduling, the round, its efficiency, the smallest averaging frequency reaching
     * 0.9 and 0.75, and the same for an executor-side sliced all-reduce.
     */
    public record Projection(List<Integer> treeAggregateLevels, int tasksPerRound, double broadcastSeconds,
                             double broadcastSecondsDriverOnly, double shuffleSeconds, double driverInboundSeconds,
                             double transferSeconds, double schedulingSeconds, double roundSeconds,
                             double efficiency, int minAveragingFrequencyFor90, int minAveragingFrequencyFor75,
                             double allReduceTransferAndSchedulingSeconds, double allReduceEfficiency,
                             int allReduceMinAveragingFrequencyFor90, int allReduceMinAveragingFrequencyFor75) {
    }
}
