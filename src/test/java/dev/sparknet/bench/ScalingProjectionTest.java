package dev.sparknet.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cost-of-growth model, checked against figures worked out by hand. */
class ScalingProjectionTest {
    // 1,000 parameters + 2,000 Adam values, floats; 10,000 examples in batches of 100 = 100 batches; averaging every 10
    private final ScalingProjection model = new ScalingProjection(1_000, 2_000, 4, 10_000, 100, 10, 8.0, 0.1, 10);

    @Test
    void bytesAndRounds() {
        assertEquals(2L * 3_000 * 4, model.bytesPerWorkerPerRound(), "down and up, parameters and state");
        assertEquals(10, model.roundsPerEpoch(1));
        assertEquals(5, model.roundsPerEpoch(2));
        assertEquals(1, model.roundsPerEpoch(64), "never fewer than one round");
    }

    @Test
    void oneWorkerIsPerfectlyEfficientAndMoreCostTransfers() {
        assertEquals(1.0, model.efficiency(1), 1e-12);
        // 4 workers: 2 s compute + 3 rounds x (0.1 s + 24,000 x 4 x 8 / 1e10 s)
        double transfer = 24_000.0 * 4 * 8 / 10e9;
        assertEquals(transfer, model.transferSecondsPerRound(4), 1e-15);
        assertEquals(2.0 + 3 * (0.1 + transfer), model.epochSeconds(4), 1e-12);
        assertTrue(model.efficiency(4) < 1.0);
    }

    @Test
    void reportListsEveryClusterSize() {
        ScalingReport report = model.report(List.of(8, 32));
        assertEquals(List.of("8", "32"), List.copyOf(report.projections().keySet()));
        assertEquals(model.efficiency(32), report.projections().get("32").efficiency(), 0.0);
        assertEquals(24_000L * 8, report.projections().get("8").bytesPerRound());
    }
}
