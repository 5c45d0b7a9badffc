package dev.sparknet.jobs;

import dev.sparknet.artifacts.EpochRow;
import dev.sparknet.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Splitting the measured round into compute per minibatch and fixed cost, without Spark. */
class WeakScalingBenchTest {
    @Test
    void computeAndFixedCostFromEpochsAndTheOneMinibatchProbe() {
        // 2 workers, batch 100, averaging every 10: 200 minibatches = 20,000 examples in 10 rounds per epoch.
        // Truth: c1 = 0.02 s, o = 0.1 s -> epoch = 10 x 0.1 + 100 x 0.02 = 3 s; probe round = 0.1 + 0.02
        TrainingConfig training = config();
        EpochRow warmUp = new EpochRow(1, 1, 0.5, 9.0, 20_000 / 9.0, 10);
        EpochRow steady = new EpochRow(2, 1, 0.5, 3.0, 20_000 / 3.0, 10);
        double[] split = WeakScalingBench.computeAndFixedSeconds(List.of(warmUp, steady, steady), training, 2, 0.12);
        assertEquals(0.02, split[0], 1e-9, "compute per minibatch per worker");
        assertEquals(0.1, split[1], 1e-9, "fixed per round, the probe's one minibatch taken out");
    }

    private static TrainingConfig config() {
        return new TrainingConfig(2, 100, 10, 2, 0, 42, null);
    }

    @Test
    void roundsFasterThanTheProbeCountAllTrainingAsCompute() {
        EpochRow steady = new EpochRow(2, 1, 0.5, 1.0, 20_000 / 1.0, 10); // 1 s < 10 rounds x 0.12 s
        double[] split = WeakScalingBench.computeAndFixedSeconds(List.of(steady, steady), config(), 2, 0.12);
        assertEquals(0.01, split[0], 1e-9, "1 s over 100 minibatches per worker");
        assertEquals(0.11, split[1], 1e-9);
    }
}
