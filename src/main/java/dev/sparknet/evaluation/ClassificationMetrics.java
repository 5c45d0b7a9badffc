package dev.sparknet.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Accuracy and per-class precision, recall and F1, all derived from a confusion matrix
 * ({@code confusion[actual][predicted]}). Plain Java: the arithmetic is tested without Spark.
 * A class that is never predicted has precision 0, a class never present has recall 0 (as in scikit-learn).
 */
public record ClassificationMetrics(long[][] confusion) {

    public ClassificationMetrics {
        int n = confusion.length;
        long[][] copy = new long[n][];
        for (int i = 0; i < n; i++) {
            if (confusion[i].length != n) {
                throw new IllegalArgumentException("confusion matrix must be square");
            }
            copy[i] = confusion[i].clone();
        }
        confusion = copy;
    }

    public int numClasses() {
        return confusion.length;
    }

    public long total() {
        long total = 0;
        for (long[] row : confusion) {
            for (long v : row) {
                total += v;
            }
        }
        return total;
    }

    public long correct() {
        long correct = 0;
        for (int i = 0; i < confusion.length; i++) {
            correct += confusion[i][i];
        }
        return correct;
    }

    public double accuracy() {
        long total = total();
        return total == 0 ? 0 : (double) correct() / total;
    }

    public long support(int c) {
        long s = 0;
        for (long v : confusion[c]) {
            s += v;
        }
        return s;
    }

    public long predicted(int c) {
        long s = 0;
        for (long[] row : confusion) {
            s += row[c];
        }
        return s;
    }

    public double precision(int c) {
        long p = predicted(c);
        return p == 0 ? 0 : (double) confusion[c][c] / p;
    }

    public double recall(int c) {
        long s = support(c);
        return s == 0 ? 0 : (double) confusion[c][c] / s;
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < numClasses(); c++) {
            sum += f1(c);
        }
        return sum / numClasses();
    }

    /** The form metrics.json carries: per-class table and the matrix itself. */
    public TestScores scores() {
        List<ClassScores> perClass = new ArrayList<>();
        for (int c = 0; c < numClasses(); c++) {
            perClass.add(new ClassScores(c, precision(c), recall(c), f1(c), support(c)));
        }
        long[][] matrix = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            matrix[i] = confusion[i].clone();
        }
        return new TestScores(accuracy(), total(), macroF1(), perClass, matrix);
    }
}
