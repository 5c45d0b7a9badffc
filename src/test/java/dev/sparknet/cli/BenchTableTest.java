package dev.sparknet.cli;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchTableTest {
    @Test
    void elasticLinesOnlyWhenBenchRanTheElasticJob() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("network", "784-1568-10");
        r.put("distributed_examples_per_second", 16000.0);
        assertFalse(BenchTable.render(r).contains("elastic"));

        r.put("augment_examples_per_second", 15200.0);
        r.put("augment_vs_plain", 0.95);
        r.put("augment_vs_plain_whole_runs", 1.02);
        r.put("augment_microseconds_per_image", 9.8);
        r.put("fit_microseconds_per_example", 125.0);
        r.put("augment_test_accuracy", 0.9812);
        String table = BenchTable.render(r);
        assertTrue(table.matches("(?s).*\\ndistributed, elastic \\(examples/s\\) +15200\\n.*"), table);
        assertTrue(table.matches("(?s).*\\nelastic / plain \\(back-to-back rounds\\) +0\\.95\\n.*"), table);
        assertTrue(table.matches("(?s).*\\nelastic / plain \\(whole runs\\) +1\\.02\\n.*"), table);
        assertTrue(table.matches("(?s).*\\none distortion, one thread +9\\.8 us \\(fit: 125 us\\)\\n.*"), table);
        assertTrue(table.matches("(?s).*\\ntest accuracy elastic +98\\.12%\\n.*"), table);
    }
}
