package dev.sparknet.cli;

import dev.sparknet.bench.AugmentBenchResult;
import dev.sparknet.bench.BenchResult;
import dev.sparknet.bench.WeakScalingReport;

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
        if (r.weakScaling() != null) {
            weakScaling(s, r.weakScaling());
        }
        if (r.jobJarBytes() != null) {
            row(s, "job jar", String.format("%.1f MB", r.jobJarBytes() / 1e6));
        }
        return s.toString();
    }

    /** The weak-scaling projection: one column per cluster size, "a / b / c". */
    private static void weakScaling(StringBuilder s, WeakScalingReport w) {
        var p = w.projections().values();
        row(s, "weak scaling: executors", String.join(" / ", w.projections().keySet()) + " (" + w.constants().linkGbps()
                + " Gbit/s)");
        row(s, "  compute + fixed per round (s)", num(w.computeSecondsPerRound(), "%.3f") + " + "
                + num(w.constants().roundOverheadSeconds(), "%.3f") + " (every " + w.constants().averagingFrequency()
                + " minibatches, " + w.computeSource() + ")");
        row(s, "  transfer per round (s)", join(p.stream().map(x -> num(x.transferSeconds(), "%.3f"))));
        row(s, "  scheduling per round (s)", join(p.stream().map(x -> num(x.schedulingSeconds(), "%.3f")))
                + " (" + num(w.constants().taskLaunchSeconds() * 1e3, "%.2f") + " ms per task)");
        row(s, "  efficiency", join(p.stream().map(x -> num(x.efficiency(), "%.2f"))));
        row(s, "  averaging every N for 0.9", join(p.stream().map(x -> String.valueOf(x.minAveragingFrequencyFor90()))));
        row(s, "  averaging every N for 0.75", join(p.stream().map(x -> String.valueOf(x.minAveragingFrequencyFor75()))));
        row(s, "  sliced all-reduce efficiency", join(p.stream().map(x -> num(x.allReduceEfficiency(), "%.2f"))));
    }

    private static String join(java.util.stream.Stream<String> values) {
        return String.join(" / ", values.toList());
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
