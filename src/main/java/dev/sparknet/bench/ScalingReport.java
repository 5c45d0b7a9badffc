package dev.sparknet.bench;

import java.util.Map;

/** bench.json's "scaling": the measured constants and, per cluster size, the projected epoch. */
public record ScalingReport(long parameters, long updaterStateValues, long bytesPerWorkerPerRound,
                            double measuredRoundOverheadSeconds, double networkGbps,
                            double computeSecondsPerEpochOneWorker, Map<String, Projection> projections) {

    public record Projection(int roundsPerEpoch, long bytesPerRound, double transferSecondsPerRound,
                             double epochSeconds, double efficiency) {
    }
}
