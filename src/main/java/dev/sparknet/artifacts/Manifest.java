package dev.sparknet.artifacts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A registry version's manifest.json: which run made it, from which champion, with what accuracy on the
 * validation split (what promotion decided on) and the test split (reported), who promoted it and why, the code and configuration, and the data files with their checksums.
 */
public record Manifest(String version, String runId, String warmStartFrom, String previousChampion,
                       double validationAccuracy, double testAccuracy, Double previousChampionValidationAccuracy,
                       Double previousChampionTestAccuracy, String promotedBy, String promotedAt, String reason,
                       String codeVersion, String started, String finished, String sparkMaster, int workers,
                       String java, Map<String, String> configuration, Map<String, SplitProvenance> data) {

    public Manifest {
        configuration = new TreeMap<>(configuration);
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
