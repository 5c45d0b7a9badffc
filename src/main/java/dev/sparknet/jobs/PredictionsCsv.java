package dev.sparknet.jobs;

import java.util.List;
import java.util.Locale;

/** predictions.csv ({@code name,predicted,p0..p(K-1)}, K the model's outputs) and skipped.csv ({@code name,reason}). */
final class PredictionsCsv {
    static final String PREDICTIONS_FILE = "predictions.csv";
    static final String SKIPPED_FILE = "skipped.csv";

    private PredictionsCsv() {
    }

    static String predictions(List<Prediction> predictions, int classes) {
        StringBuilder s = new StringBuilder("name,predicted");
        for (int c = 0; c < classes; c++) {
            s.append(",p").append(c);
        }
        s.append('\n');
        for (Prediction p : predictions) {
            s.append(field(p.name())).append(',').append(p.predicted());
            for (float v : p.probabilities()) {
                s.append(',').append(String.format(Locale.ROOT, "%.6f", v));
            }
            s.append('\n');
        }
        return s.toString();
    }

    static String skipped(List<Prediction> skipped) {
        StringBuilder s = new StringBuilder("name,reason\n");
        for (Prediction p : skipped) {
            s.append(field(p.name())).append(',').append(field(p.refusal())).append('\n');
        }
        return s.toString();
    }

    private static String field(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
