package dev.sparknet.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationWatchTest {
    @Test
    void keepsTheBestEpochAndStopsAfterPatienceEpochsWithoutImprovement() {
        ValidationWatch watch = new ValidationWatch(2);
        assertTrue(watch.record(1, 0.90));
        assertTrue(watch.record(2, 0.95));
        assertFalse(watch.record(3, 0.95), "equal is not better: the earlier epoch is kept");
        assertFalse(watch.shouldStop());
        assertFalse(watch.record(4, 0.94));
        assertTrue(watch.shouldStop());
        assertEquals(2, watch.bestEpoch());
        assertEquals(0.95, watch.bestAccuracy());
        assertEquals(2, watch.plateaus());
    }

    @Test
    void patienceZeroNeverStops() {
        ValidationWatch watch = new ValidationWatch(0);
        watch.record(1, 0.9);
        for (int e = 2; e < 20; e++) {
            watch.record(e, 0.5);
        }
        assertFalse(watch.shouldStop());
        assertEquals(1, watch.bestEpoch());
    }

    @Test
    void aContinuedRunCountsEpochsFromWhereItResumed() {
        ValidationWatch watch = new ValidationWatch(3);
        watch.record(4, 0.8);
        watch.record(5, 0.9);
        assertEquals(5, watch.bestEpoch());
    }

    @Test
    void reduceOnPlateauLowersTheRateOnlyAfterEpochsThatDidNotImprove() {
        LearningRateSchedule plateau = new LearningRateSchedule(0.01, 0.5, 0, true);
        assertEquals(0.01, plateau.forEpoch(7, 0), 1e-12);
        assertEquals(0.0025, plateau.forEpoch(7, 2), 1e-12);
        LearningRateSchedule exponential = new LearningRateSchedule(0.01, 0.5);
        assertEquals(0.0025, exponential.forEpoch(3, 0), 1e-12);
        assertEquals(0.0025, exponential.forEpoch(3, 5), 1e-12, "a fixed schedule ignores the plateaus");
    }
}
