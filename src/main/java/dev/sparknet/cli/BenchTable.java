package dev.sparknet.cli;

import java.util.Map;

/** The console summary of bench.json. */
final class BenchTable {
    private BenchTable() {
    }

    static String render(Map<String, Object> r) {
        StringBuilder s = new StringBuilder("\n");
        s.append(String.format("%-38s %s%n", "network / batch / workers",
                r.get("network") + " / " + r.get("batch_size") + " / " + r.get("workers")));
        s.append(String.format("%-38s %s%n", "gemm at training shapes (GFLOP/s)", num(r.get("gemm_gflops"), "%.1f")));
        s.append(String.format("%-38s %s%n", "roofline (examples/s)", num(r.get("roofline_examples_per_second"), "%.0f")));
        s.append(String.format("%-38s %s%n", "single JVM (examples/s)", num(r.get("single_examples_per_second"), "%.0f")));
        s.append(String.format("%-38s %s%n", "distributed (examples/s)", num(r.get("distributed_examples_per_second"), "%.0f")));
        s.append(String.format("%-38s %s%n", "distributed / single", num(r.get("distributed_vs_single"), "%.2f")));
        s.append(String.format("%-38s %s%n", "distributed / roofline", num(r.get("roofline_fraction"), "%.2f")));
        s.append(String.format("%-38s %s / %s%n", "test accuracy single / distributed",
                pct(r.get("single_test_accuracy")), pct(r.get("distributed_test_accuracy"))));
        s.append(String.format("%-38s %s%n", "seconds to " + pct(r.get("target_accuracy")) + " (distributed)",
                num(r.get("seconds_to_target_accuracy"), "%.1f")));
        if (r.containsKey("augment_examples_per_second")) {
            s.append(String.format("%-38s %s%n", "distributed, elastic (examples/s)",
                    num(r.get("augment_examples_per_second"), "%.0f")));
            s.append(String.format("%-38s %s%n", "elastic / plain (back-to-back rounds)", num(r.get("augment_vs_plain"), "%.2f")));
            s.append(String.format("%-38s %s%n", "elastic / plain (whole runs)", num(r.get("augment_vs_plain_whole_runs"), "%.2f")));
            s.append(String.format("%-38s %s us (fit: %s us)%n", "one distortion, one thread",
                    num(r.get("augment_microseconds_per_image"), "%.1f"), num(r.get("fit_microseconds_per_example"), "%.0f")));
            s.append(String.format("%-38s %s%n", "test accuracy elastic", pct(r.get("augment_test_accuracy"))));
        }
        if (r.get("job_jar_bytes") instanceof Number n) {
            s.append(String.format("%-38s %.1f MB%n", "job jar", n.doubleValue() / 1e6));
        }
        return s.toString();
    }

    private static String num(Object v, String format) {
        return v instanceof Number n ? String.format(format, n.doubleValue()) : "n/a";
    }

    private static String pct(Object v) {
        return v instanceof Number n ? String.format("%.2f%%", 100 * n.doubleValue()) : "n/a";
    }
}
