package dev.sparknet.evaluation;

import java.util.List;

/**
 * A model's scores on the held-out test split as metrics.json carries them: accuracy, macro F1, the
 * per-class table and the confusion matrix ([actual][predicted]).
 */
public record TestScores(double accuracy, long examples, double macroF1, List<ClassScores> perClass,
                         long[][] confusionMatrix) {
}
