package dev.sparknet.report;

import dev.sparknet.artifacts.EpochRow;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.artifacts.RunProvenance;
import dev.sparknet.artifacts.SplitProvenance;
import dev.sparknet.evaluation.ClassificationMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Plausible report inputs without training: a 6-epoch history, a 98%-accurate confusion matrix, drawn "digits". */
final class ReportSamples {
    private ReportSamples() {
    }

    static List<EpochRow> epochs(int count, double startAccuracy) {
        List<EpochRow> epochs = new ArrayList<>();
        for (int e = 1; e <= count; e++) {
            epochs.add(new EpochRow(e, 0.18 / e, startAccuracy + (0.9833 - startAccuracy) * (1 - Math.pow(0.5, e - 1)),
                    11.0 - 0.1 * e, 5400.0 + 50 * e, 5));
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

    static MetricsFile metrics(ClassificationMetrics test) {
        SplitProvenance split = new SplitProvenance("file:/data/t10k-images-idx3-ubyte.gz",
                "file:/data/t10k-labels-idx1-ubyte.gz",
                "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", 10000, 10000, List.of(), null, null);
        RunProvenance provenance = new RunProvenance("mnist", "test", "2025-01-01T00:00:00Z", "2025-01-01T00:01:21Z",
                "local[2]", 2, "17", Map.of("epochs", "6", "hidden", "1568", "learning-rate", "0.003"),
                Map.of("test", split));
        return new MetricsFile(test.accuracy(), test.total(), null, null, 81.2, epochs(6, 0.965), test.scores(), provenance, null, null);
    }
}
