package dev.sparknet.jobs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One input's result: its name (file name, or index in an IDX file), the digit and every class's
 * probability, or (with --skip-bad-images) why it could not be read. A plain class, not a record: task
 * results travel through Kryo, which cannot set a record's final fields.
 */
public final class Prediction implements Serializable {
    private String name;
    private int predicted;
    private float[] probabilities;
    /** Why the input was skipped; null for a classified one. */
    private String refusal;

    @SuppressWarnings("unused") // Kryo
    private Prediction() {
    }

    public Prediction(String name, int predicted, float[] probabilities) {
        this.name = name;
        this.predicted = predicted;
        this.probabilities = probabilities;
    }

    static Prediction skipped(String name, String reason) {
        Prediction p = new Prediction(name, -1, null);
        p.refusal = reason;
        return p;
    }

    public String name() {
        return name;
    }

    public boolean isSkipped() {
        return refusal != null;
    }

    public String refusal() {
        return refusal;
    }

    public int predicted() {
        return predicted;
    }

    public float[] probabilities() {
        return probabilities.clone();
    }

    /** The {@code k} most probable classes, most probable first. */
    public List<Integer> top(int k) {
        List<Integer> classes = new ArrayList<>();
        for (int c = 0; c < probabilities.length; c++) {
            classes.add(c);
        }
        classes.sort(Comparator.comparingDouble((Integer c) -> -probabilities[c]));
        return classes.subList(0, Math.min(k, classes.size()));
    }

    /** "7 (99.1%), 9 (0.6%), 4 (0.2%)": the top guesses. */
    public String topGuesses(int k) {
        StringBuilder s = new StringBuilder();
        for (int c : top(k)) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(String.format(Locale.ROOT, "%d (%.1f%%)", c, 100 * probabilities[c]));
        }
        return s.toString();
    }
}
