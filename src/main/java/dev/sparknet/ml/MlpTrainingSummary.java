package dev.sparknet.ml;

import dev.sparknet.artifacts.EpochRow;
import dev.sparknet.jobs.DistributedRun;

import java.io.Serializable;
import java.util.List;

/**
 * What {@link MlpClassifier#fit} did: the rows it trained on and held out, every epoch's training loss and
 * (with validation rows) validation accuracy, and the epoch whose parameters the model holds.
 */
public record MlpTrainingSummary(long trainRows, long validationRows, List<Epoch> epochs, int keptEpoch)
        implements Serializable {

    /** @param validationAccuracy null without validation rows */
    public record Epoch(int epoch, double trainLoss, Double validationAccuracy, double seconds,
                        double examplesPerSecond) implements Serializable {
    }

    static MlpTrainingSummary of(DistributedRun.Outcome outcome, long trainRows, long validationRows) {
        List<Epoch> epochs = outcome.history().epochs().stream().map((EpochRow e) -> new Epoch(e.epoch(),
                e.trainLoss(), e.validationAccuracy(), e.seconds(), e.examplesPerSecond())).toList();
        return new MlpTrainingSummary(trainRows, validationRows, epochs, outcome.keptEpoch());
    }
}
