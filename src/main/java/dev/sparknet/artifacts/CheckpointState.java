package dev.sparknet.artifacts;

import java.util.List;

/**
 * checkpoint.json beside a checkpoint's model.zip: the epochs completed so far and their history, and
 * what a resumed run must match (seed, settings hash, workers). Batch order is a function of (seed,
 * epoch), so the next epoch starts at its first round.
 */
public record CheckpointState(String runId, int epochCompleted, int epochsTotal, long seed, String settingsHash,
                              int workers, BatchOrder batchOrder, List<EpochRow> epochs) {

    public record BatchOrder(int nextEpoch, int nextRound) {
    }

    public CheckpointState {
        epochs = List.copyOf(epochs);
    }
}
