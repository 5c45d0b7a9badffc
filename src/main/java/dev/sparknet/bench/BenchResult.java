package dev.sparknet.bench;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.sparknet.artifacts.EpochRow;
import dev.sparknet.artifacts.RunProvenance;

import java.util.List;

/**
 * bench.json: one run's roofline, single-JVM and distributed speeds and accuracies on the same data,
 * network and batch, the ratios between them, the per-epoch rows, the strong- and weak-scaling projections
 * and where the run came from. Single-JVM figures are null when that phase was skipped, the elastic ones
 * ({@code augment}) with {@code --augment none}.
 */
public record BenchResult(String network, int batchSize, int epochs, int workers, int cores,
                          long trainingFlopsPerExample, double gemmGflops, double gemmGflopsOneStream,
                          double gemmGflopsParallelStreams, double rooflineExamplesPerSecond,
                          Double singleExamplesPerSecond, double distributedExamplesPerSecond,
                          Double distributedVsSingle, double rooflineFraction, Double singleTestAccuracy,
                          Double distributedTestAccuracy, double targetAccuracy, Double secondsToTargetAccuracy,
                          List<EpochRow> singleEpochs, List<EpochRow> distributedEpochs, Settings settings,
                          ScalingReport scaling, WeakScalingReport weakScaling, @JsonUnwrapped AugmentBenchResult augment,
                          Long jobJarBytes, RunProvenance provenance) {

    /** The settings that shaped the measured speeds. */
    public record Settings(int averagingFrequency, double learningRate, double lrDecay, int prefetch, long seed,
                           int nativeThreadsSingle, int blasThreadsPerTask) {
    }
}
