package dev.sparknet.cli;

import dev.sparknet.bench.AugmentBenchResult;
import dev.sparknet.bench.BenchResult;

/** The console summary of bench.json. */
final class BenchTable {
    private BenchTable() {
    }

    static String render(BenchResult r) {
        StringBuilder s = new StringBuilder("\n");
        row(s, "network / batch / workers", r.network() + " / " + r.batchSize() + " / " + r.workers());
        row(s, "gemm at training shapes (GFLOP/s)", num(r.gemmGflops(), "%.1f"));
        row(s, "roofline (examples/s)", num(r.rooflineExamplesPerSecond(), "%.0f"));
        row(s, "single JVM (examples/s)", num(r.singleExamplesPerSecond(), "%.0f"));
        row(s, "distributed (examples/s)", num(r.distributedExamplesPerSecond(), "%.0f"));
        row(s, "distributed / single", num(r.distributedVsSingle(), "%.2f"));
        row(s, "distributed / roofline", num(r.rooflineFraction(), "%.2f"));
        row(s, "test accuracy single / distributed", pct(r.singleTestAccuracy()) + " / " + pct(r.distributedTestAccuracy()));
        row(s, "seconds to " + pct(r.targetAccuracy()) + " (distributed)", num(r.secondsToTargetAccuracy(), "%.1f"));
        AugmentBenchResult a = r.augment();
        if (a != null) {
            row(s, "distributed, elastic (examples/s)", num(a.augmentExamplesPerSecond(), "%.0f"));
            row(s, "elastic / plain (back-to-back rounds)", num(a.augmentVsPlain(), "%.2f"));
            row(s, "elastic / plain (whole runs)", num(a.augmentVsPlainWholeRuns(), "%.2f"));
            row(s, "one distortion, one thread", num(a.augmentMicrosecondsPerImage(), "%.1f") + " us (fit: "
                    + num(a.fitMicrosecondsPerExample(), "%.0f") + " us)");
            row(s, "test accuracy elastic", pct(a.augmentTestAccuracy()));
        }
        if (r.jobJarBytes() != null) {
            row(s, "job jar", String.format("%.1f MB", r.jobJarBytes() / 1e6));
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String label, String value) {
        s.append(String.format("%-38s %s%n", label, value));
    }

    /** "n/a" for a figure the run did not measure (null) or could not (not finite). */
    private static String num(Double v, String format) {
        return v == null || !Double.isFinite(v) ? "n/a" : String.format(format, v);
    }

    private static String pct(Double v) {
        return v == null || !Double.isFinite(v) ? "n/a" : String.format("%.2f%%", 100 * v);
    }
}
