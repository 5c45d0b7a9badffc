package dev.sparknet.approx;

/**
 * One epoch of the kept restart in metrics.json. {@code trainLoss} is DL4J's score after the epoch's last
 * averaging, on standardised targets; {@code trainMse} and {@code validationMse} are in the target's units.
 */
public record ApproxEpochRow(int epoch, double learningRate, double trainLoss, double trainMse, double validationMse,
                             double seconds, int averagingRounds) {
}
