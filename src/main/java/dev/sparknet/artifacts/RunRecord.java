package dev.sparknet.artifacts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One line of a registry's runs.jsonl: how a retrain run ended ({@code status}: promoted, kept, failed,
 * diverged, interrupted), the validation accuracies it decided on and why, and both models' test accuracy
 * (reported, never decided on). Fields a run never reached are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(String runId, String started, Boolean resumed, String warmStartFrom, String championVersion,
                        Double challengerValidationAccuracy, Double championValidationAccuracy, Double tolerance,
                        Long validationExamples, Double challengerTestAccuracy, Double championTestAccuracy,
                        Long testExamples, Integer epochs, Integer keptEpoch, String reason, String version,
                        String status, String current, String finished, Double seconds) {

    public static final String PROMOTED = "promoted";
    public static final String KEPT = "kept";
    public static final String FAILED = "failed";
    public static final String DIVERGED = "diverged";
    public static final String INTERRUPTED = "interrupted";

    /** Whether the run ended by a decision (promoted or kept): such a run is never resumed. */
    public boolean decided() {
        return PROMOTED.equals(status) || KEPT.equals(status);
    }

    /** A run that stopped without a result. */
    public static RunRecord ended(String runId, String started, Boolean resumed, String warmStartFrom, String status,
                                  String reason, String current) {
        return new RunRecord(runId, started, resumed, warmStartFrom, null, null, null, null, null, null, null, null,
                null, null, reason, null, status, current, Instant.now().toString(), null);
    }
}
