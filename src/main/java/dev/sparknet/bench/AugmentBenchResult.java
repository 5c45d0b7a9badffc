package dev.sparknet.bench;

import dev.sparknet.artifacts.EpochRow;
import dev.sparknet.augment.Augmentation;

import java.util.List;

/**
 * bench.json's elastic measurement (its fields sit beside the others): the distributed job again with
 * every training image distorted on the executors, its speed against the plain job's, and one
 * distortion's cost against fitting one example.
 *
 * @param augmentVsPlain          median over pairs of back-to-back averaging rounds, plain and elastic
 * @param augmentVsPlainWholeRuns the two whole runs' speeds divided (drifts with the machine's load)
 * @param augmentCostVsFit        one distortion on one thread over one worker's time to fit one example
 */
public record AugmentBenchResult(double augmentExamplesPerSecond, double augmentVsPlain, String augmentVsPlainMethod,
                                 Double augmentVsPlainWholeRuns, String augmentWholeRunsEpochs,
                                 Double augmentTestAccuracy, double augmentMicrosecondsPerImage,
                                 double fitMicrosecondsPerExample, Double augmentCostVsFit, Augmentation augmentation,
                                 List<EpochRow> augmentEpochs) {
    public AugmentBenchResult {
        augmentEpochs = List.copyOf(augmentEpochs);
    }
}
