package dev.sparknet.mlbench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Time to a level is the first point at or above it; the ratio only when both reached it. Plain Java. */
class MllibComparisonTest {
    private static AccuracyCurve curve(double... secondsAndAccuracy) {
        List<AccuracyCurve.Point> points = new java.util.ArrayList<>();
        for (int i = 0; i < secondsAndAccuracy.length; i += 2) {
            points.add(new AccuracyCurve.Point(i / 2 + 1, secondsAndAccuracy[i], secondsAndAccuracy[i + 1], null));
        }
        return new AccuracyCurve("c", "epochs", "t", points, "s");
    }

    @Test
    void firstPointAtOrAboveEachLevelAndTheRatioOfTheirSeconds() {
        AccuracyCurve ours = curve(2, 0.95, 4, 0.97, 6, 0.969);
        AccuracyCurve theirs = curve(50, 0.90, 100, 0.95);
        List<MllibComparison.Level> levels = MllibComparison.levels(List.of(0.90, 0.95, 0.97), ours, theirs);

        assertEquals(new MllibComparison.Level(0.90, 2.0, 1, 50.0, 1, 25.0), levels.get(0));
        assertEquals(new MllibComparison.Level(0.95, 2.0, 1, 100.0, 2, 50.0), levels.get(1), "at or above: 0.95 counts");
        MllibComparison.Level unreached = levels.get(2);
        assertEquals(4.0, unreached.mlpSeconds());
        assertNull(unreached.mllibSeconds());
        assertNull(unreached.mllibOverMlp(), "no ratio when one of them never got there");
    }

    @Test
    void spreadIsSampleStandardDeviationAndRange() {
        Spread s = Spread.of(List.of(0.90, 0.92, 0.94));
        assertEquals(0.92, s.mean(), 1e-12);
        assertEquals(0.02, s.std(), 1e-12);
        assertEquals(0.04, s.range(), 1e-12);
        assertEquals(0, Spread.of(List.of(0.5)).std());
    }
}
