package dev.sparknet.artifacts;

import dev.sparknet.training.EpochResult;

import java.util.ArrayList;
import java.util.List;

/** The per-epoch history of a run, as it grows. */
public final class RunMetrics {
    private final List<EpochRow> epochs = new ArrayList<>();

    /** @param validationAccuracy null without a validation split */
    public void addEpoch(EpochResult epoch, Double validationAccuracy, double testAccuracy) {
        epochs.add(new EpochRow(epoch.epoch(), epoch.trainLoss(), testAccuracy, epoch.seconds(),
                epoch.examplesPerSecond(), epoch.rounds(), validationAccuracy));
    }

    public List<EpochRow> epochs() {
        return List.copyOf(epochs);
    }
}
