package dev.sparknet.report;

/**
 * One test image the model gets wrong: its index in the test file, the true and predicted digits, the
 * probability the model gave its (wrong) answer, and its pixels (unsigned bytes, row-major).
 */
public record Misclassified(int index, int actual, int predicted, double confidence, int rows, int cols,
                            byte[] pixels) {
}
