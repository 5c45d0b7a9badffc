package dev.sparknet.artifacts;

import java.util.Map;
import java.util.TreeMap;

/**
 * A retrain run's run.json: when it started, whether it warm-started and from which version, and the
 * settings it must be resumed with (their hash, the training part, and all of them).
 */
public record RunInfo(String runId, String started, boolean warmStart, String warmStartFrom, String settingsHash,
                      Map<String, String> trainingSettings, Map<String, String> settings) {

    public RunInfo {
        trainingSettings = new TreeMap<>(trainingSettings);
        settings = new TreeMap<>(settings);
    }
}
