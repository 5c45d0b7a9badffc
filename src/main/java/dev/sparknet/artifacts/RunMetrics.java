package dev.sparknet.artifacts;

import dev.sparknet.evaluation.ClassificationMetrics;
import dev.sparknet.training.EpochResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the content of {@code metrics.json}: the final test metrics, the per-epoch history and provenance. */
public final class RunMetrics {
    private final List<Map<String, Object>> epochs = new ArrayList<>();

    public void addEpoch(EpochResult epoch, double testAccuracy) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("epoch", epoch.epoch());
        row.put("train_loss", epoch.trainLoss());
        row.put("test_accuracy", testAccuracy);
        row.put("seconds", epoch.seconds());
        row.put("examples_per_second", epoch.examplesPerSecond());
        row.put("averaging_rounds", epoch.rounds());
        epochs.add(row);
    }

    public List<Map<String, Object>> epochs() {
        return List.copyOf(epochs);
    }

    public static Map<String, Object> finalMetrics(ClassificationMetrics test, double totalSeconds,
                                                   List<Map<String, Object>> epochs, Map<String, Object> provenance) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("test_accuracy", test.accuracy());
        out.put("test_examples", test.total());
        out.put("total_seconds", totalSeconds);
        out.put("epochs", epochs);
        out.put("test", test.toMap());
        out.put("provenance", provenance);
        return out;
    }
}
