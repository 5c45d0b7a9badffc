package dev.sparknet.training;

/**
 * What one epoch did: mean training loss (of the minibatches that closed each averaging round),
 * training seconds (excluding evaluation) and throughput.
 */
public record EpochResult(int epoch, double trainLoss, double seconds, long examples, int rounds) {
    public double examplesPerSecond() {
        return seconds > 0 ? examples / seconds : 0;
    }
}
