package dev.sparknet.cli;

import dev.sparknet.artifacts.EpochRow;
import dev.sparknet.augment.Augmentation;
import dev.sparknet.bench.AugmentBenchResult;
import dev.sparknet.bench.BenchResult;
import dev.sparknet.bench.WeakScalingProjection;
import dev.sparknet.bench.WeakScalingReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console summary of bench.json, with and without the single-JVM phase. */
class BenchTableTest {
    private static BenchResult result(Double single) {
        return result(single, null);
    }

    private static BenchResult result(Double single, AugmentBenchResult augment) {
        return result(single, augment, null);
    }

    private static BenchResult result(Double single, AugmentBenchResult augment, WeakScalingReport weak) {
        List<EpochRow> epochs = List.of(new EpochRow(1, 0.2, 0.9849, 10.0, 16000.0, 3));
        return new BenchResult("784-1568-10", 256, 1, 2, 2, 5_011_328, 156.9, 111.0, 156.9, 31310.0, single, 17567.0,
                single == null ? null : 17567.0 / single, 0.56, single == null ? null : 0.9861, 0.9849, 0.98, 10.3,
                List.of(), epochs, new BenchResult.Settings(40, 0.008, 0.7, 0, 42, 1, 1), null, weak, augment, 164_400_000L, null);
    }

    @Test
    void showsTheRatiosAndAccuracies() {
        String table = BenchTable.render(result(11921.0));
        assertTrue(table.contains("distributed / single                   1.47"), table);
        assertTrue(table.contains("test accuracy single / distributed     98.61% / 98.49%"), table);
        assertTrue(table.contains("seconds to 98.00% (distributed)        10.3"), table);
        assertTrue(table.contains("job jar                                164.4 MB"), table);
    }

    @Test
    void aSkippedSinglePhaseReadsNotAvailable() {
        String table = BenchTable.render(result(null));
        assertTrue(table.contains("single JVM (examples/s)                n/a"), table);
        assertTrue(table.contains("test accuracy single / distributed     n/a / 98.49%"), table);
    }

    @Test
    void elasticLinesOnlyWhenBenchRanTheElasticJob() {
        assertFalse(BenchTable.render(result(11921.0)).contains("elastic"));

        AugmentBenchResult augment = new AugmentBenchResult(15200.0, 0.95, "median", 1.02, "2..6", 0.9812, 9.8, 125.0,
                9.8 / 125.0, Augmentation.none(60000), List.of());
        String table = BenchTable.render(result(11921.0, augment));
        assertTrue(table.matches("(?s).*\\ndistributed, elastic \\(examples/s\\) +15200\\n.*"), table);
        assertTrue(table.matches("(?s).*\\nelastic / plain \\(back-to-back rounds\\) +0\\.95\\n.*"), table);
        assertTrue(table.matches("(?s).*\\nelastic / plain \\(whole runs\\) +1\\.02\\n.*"), table);
        assertTrue(table.matches("(?s).*\\none distortion, one thread +9\\.8 us \\(fit: 125 us\\)\\n.*"), table);
        assertTrue(table.matches("(?s).*\\ntest accuracy elastic +98\\.12%\\n.*"), table);
    }

    @Test
    void weakScalingLinesOneColumnPerClusterSize() {
        assertFalse(BenchTable.render(result(11921.0)).contains("weak scaling"));

        WeakScalingProjection model = new WeakScalingProjection(40, 0.025, 0.1, 15_000_000, 15_000_000, 4_000_000, 2,
                0.001, 2, 10);
        String table = BenchTable.render(result(11921.0, null, model.report(List.of(8, 32, 128), "elastic")));
        String flat = table.replaceAll(" {2,}", " ");
        assertTrue(flat.contains("\nweak scaling: executors 8 / 32 / 128 (10.0 Gbit/s)\n"), table);
        assertTrue(flat.contains("\n compute + fixed per round (s) 1.000 + 0.100 (every 40 minibatches, elastic)\n"), table);
        assertTrue(flat.contains(String.format("\n efficiency %.2f / %.2f / %.2f\n", model.efficiency(8),
                model.efficiency(32), model.efficiency(128))), table);
        assertTrue(flat.contains("\n averaging every N for 0.9 " + model.minAveragingFrequency(8, 0.9) + " / "), table);
    }
}
