package dev.sparknet.report;

import dev.sparknet.evaluation.ClassificationMetrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Plausible report inputs without training: a 6-epoch history, a 98%-accurate confusion matrix, drawn "digits". */
final class ReportSamples {
    private ReportSamples() {
    }

    static List<Map<String, Object>> epochs(int count, double startAccuracy) {
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (int e = 1; e <= count; e++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", e);
            row.put("train_loss", 0.18 / e);
            row.put("test_accuracy", startAccuracy + (0.9833 - startAccuracy) * (1 - Math.pow(0.5, e - 1)));
            row.put("seconds", 11.0 - 0.1 * e);
            row.put("examples_per_second", 5400.0 + 50 * e);
            row.put("averaging_rounds", 5);
            epochs.add(row);
        }
        return epochs;
    }

    static ClassificationMetrics confusion() {
        long[] support = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};
        long[][] m = new long[10][10];
        Random random = new Random(3);
        for (int a = 0; a < 10; a++) {
            long left = support[a];
            for (int k = 0; k < 4; k++) {
                int p = random.nextInt(10);
                if (p != a) {
                    long n = random.nextInt(a == 4 && p == 9 ? 15 : 6);
                    m[a][p] += n;
                    left -= n;
                }
            }
            m[a][a] = left;
        }
        return new ClassificationMetrics(m);
    }

    /** A ring ("0") or a bar ("1") with noise, 28x28. */
    static List<Misclassified> errors(int count) {
        Random random = new Random(5);
        List<Misclassified> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] pixels = new byte[28 * 28];
            boolean ring = i % 2 == 0;
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    double d = Math.hypot(r - 14, (c - 14) * 1.4);
                    boolean on = ring ? Math.abs(d - 8) < 2 : Math.abs(c - 14 - (r - 14) * 0.2) < 2 && r > 4 && r < 24;
                    pixels[r * 28 + c] = (byte) (on ? 200 + random.nextInt(55) : 0);
                }
            }
            out.add(new Misclassified(i * 37, ring ? 0 : 1, ring ? 6 : 7, 0.5 + 0.5 * random.nextDouble(), 28, 28, pixels));
        }
        return out;
    }

    static Map<String, Object> metrics(ClassificationMetrics test) {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("job", "mnist");
        provenance.put("code_version", "test");
        provenance.put("started", "2025-01-01T00:00:00Z");
        provenance.put("finished", "2025-01-01T00:01:21Z");
        provenance.put("spark_master", "local[2]");
        provenance.put("workers", 2);
        provenance.put("java", "17");
        provenance.put("settings", Map.of("epochs", "6", "hidden", "1568", "learning-rate", "0.003"));
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("images", "file:/data/t10k-images-idx3-ubyte.gz");
        split.put("labels", "file:/data/t10k-labels-idx1-ubyte.gz");
        split.put("images_sha256", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6");
        split.put("labels_sha256", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");
        split.put("examples_in_files", 10000);
        split.put("examples_used", 10000);
        provenance.put("data", Map.of("test", split));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("test_accuracy", test.accuracy());
        metrics.put("test_examples", test.total());
        metrics.put("total_seconds", 81.2);
        metrics.put("epochs", epochs(6, 0.965));
        metrics.put("test", test.toMap());
        metrics.put("provenance", provenance);
        return metrics;
    }
}
