package dev.sparknet.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The weak-scaling model, checked against Spark's tree plan and figures worked out by hand. */
class WeakScalingProjectionTest {
    // averaging every 40 at 25 ms per minibatch, 0.1 s fixed per round, 15 MB each way, 4 MB blocks, depth 2,
    // 1 ms per task launch (2 tasks in the measured round), 10 Gbit/s = 1.25e9 bytes/s
    private final WeakScalingProjection model = new WeakScalingProjection(40, 0.025, 0.1, 15_000_000, 15_000_000,
            4_000_000, 2, 0.001, 2, 10);

    @Test
    void treeLevelsFollowSparksTreeAggregate() {
        assertEquals(List.of(2), WeakScalingProjection.treeLevels(2, 2), "2 <= 2 + 1: no shuffle level");
        assertEquals(List.of(8, 2), WeakScalingProjection.treeLevels(8, 2), "scale 3; 8 > 3 + 3 -> 8 / 3");
        assertEquals(List.of(32, 5), WeakScalingProjection.treeLevels(32, 2), "scale 6; 32 > 6 + 6 -> 5");
        assertEquals(List.of(128, 10), WeakScalingProjection.treeLevels(128, 2), "scale 12; 128 > 12 + 11 -> 10");
        assertEquals(List.of(1000, 100, 10), WeakScalingProjection.treeLevels(1000, 3), "scale 10, two levels");
        assertEquals(List.of(64), WeakScalingProjection.treeLevels(64, 1), "depth 1: the driver gets all");
    }

    @Test
    void transfersAtEightExecutors() {
        // torrent: the state once plus ceil(log2 9) - 1 = 3 block-times
        assertEquals((15e6 + 3 * 4e6) / 1.25e9, model.broadcastSeconds(8), 1e-12);
        assertEquals(8 * 15e6 / 1.25e9, model.broadcastSecondsDriverOnly(8), 1e-12);
        // 8 -> 2 reducers, 4 partial sums each; then the driver receives 2
        assertEquals(4 * 15e6 / 1.25e9, model.shuffleSeconds(8), 1e-12);
        assertEquals(2, model.driverInboundResults(8));
        assertEquals(2 * 15e6 / 1.25e9, model.driverInboundSeconds(8), 1e-12);
        assertEquals(10, model.tasksPerRound(8), "8 training tasks + 2 reducers");
        assertEquals(0.008, model.schedulingSeconds(8), 1e-12);
        double extra = (27e6 + 60e6 + 30e6) / 1.25e9 + 0.008;
        assertEquals(1.1 / (1.1 + extra), model.efficiency(8), 1e-12);
    }

    @Test
    void noShuffleLevelAndNothingExtraAtTheMeasuredSize() {
        assertEquals(0, model.shuffleSeconds(2));
        assertEquals(2, model.tasksPerRound(2));
        assertEquals(0, model.schedulingSeconds(2));
        assertEquals(15e6 / 1.25e9, model.broadcastSeconds(1), 1e-12, "one executor: no relay");
    }

    @Test
    void efficiencyFallsWithSizeAndRisesWithLongerRounds() {
        assertTrue(model.efficiency(128) < model.efficiency(32) && model.efficiency(32) < model.efficiency(8));
        assertTrue(model.efficiency(32, 80) > model.efficiency(32, 40));
    }

    @Test
    void smallestFrequencyReachingATarget() {
        // 0.9 needs A x 0.025 + 0.1 >= 9 x extra
        double extra = model.transferSeconds(8) + model.schedulingSeconds(8);
        int expected = (int) Math.ceil((9 * extra - 0.1) / 0.025);
        assertEquals(expected, model.minAveragingFrequency(8, 0.9));
        assertTrue(model.efficiency(8, expected) >= 0.9);
        assertTrue(model.efficiency(8, expected - 1) < 0.9);
        assertEquals(1, new WeakScalingProjection(40, 1, 0.1, 1, 1, 1, 2, 0, 2, 10).minAveragingFrequency(8, 0.5),
                "never below one minibatch");
        assertEquals(0, new WeakScalingProjection(40, 0, 0.1, 1, 1, 1, 2, 0, 2, 10).minAveragingFrequency(8, 0.9),
                "unmeasured compute: 0, not a huge number");
    }

    @Test
    void slicedAllReduceMovesTwiceTheStateTimesNMinusOneOverN() {
        assertEquals(2.0 * 127 / 128 * 15e6 / 1.25e9, model.allReduceTransferSeconds(128), 1e-12);
        assertEquals((256 - 2) * 0.001, model.allReduceSchedulingSeconds(128), 1e-12);
        assertTrue(model.allReduceEfficiency(128) > model.efficiency(128));
    }

    @Test
    void reportKeepsTheConstantsAndEverySize() {
        WeakScalingReport report = model.report(List.of(8, 32, 128), "elastic");
        assertEquals(List.of("8", "32", "128"), List.copyOf(report.projections().keySet()));
        assertEquals(1.0, report.computeSecondsPerRound(), 1e-12);
        assertEquals(model.efficiency(32), report.projections().get("32").efficiency(), 0.0);
        assertEquals(List.of(128, 10), report.projections().get("128").treeAggregateLevels());
        assertEquals(model.minAveragingFrequency(128, 0.75), report.projections().get("128").minAveragingFrequencyFor75());
    }
}
