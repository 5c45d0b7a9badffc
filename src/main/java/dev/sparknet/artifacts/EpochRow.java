package dev.sparknet.artifacts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One epoch of a run as metrics.json, bench.json and checkpoints record it. {@code seconds} and
 * {@code examplesPerSecond} count training only; {@code averagingRounds} is absent for a single JVM,
 * {@code validationAccuracy} without a validation split.
 */
public record EpochRow(int epoch, double trainLoss, double testAccuracy, double seconds, double examplesPerSecond,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Integer averagingRounds,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Double validationAccuracy) {
    public EpochRow(int epoch, double trainLoss, double testAccuracy, double seconds, double examplesPerSecond,
                    Integer averagingRounds) {
        this(epoch, trainLoss, testAccuracy, seconds, examplesPerSecond, averagingRounds, null);
    }
}
