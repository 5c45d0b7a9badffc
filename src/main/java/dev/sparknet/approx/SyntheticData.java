package dev.sparknet.approx;

/**
 * Where the samples came from, for metrics.json's "data": with the seed and the counts, every sample
 * can be regenerated (there are no data files to checksum, unlike MNIST's provenance).
 */
public record SyntheticData(String generator, long seed, int trainSamples, int validationSamples,
                            int testSamplesInRange, int testSamplesOutOfRange) {
    static final String GENERATOR = "x uniform from a SplitMix64 hash of (seed, stream, index); y = target(x)";

    static SyntheticData of(ApproxJobConfig config, int outOfRangePoints) {
        return new SyntheticData(GENERATOR, config.training().seed(), config.samples(), config.validationSamples(),
                config.testSamples(), outOfRangePoints);
    }
}
