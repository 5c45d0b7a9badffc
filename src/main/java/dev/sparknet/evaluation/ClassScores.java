package dev.sparknet.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One class's row of the per-class table: precision, recall, F1 and how many test examples it has. */
public record ClassScores(@JsonProperty("class") int label, double precision, double recall, double f1, long support) {
}
