package dev.sparknet.training;

import java.util.ArrayList;
import java.util.List;

/**
 * What the validation accuracies of the epochs so far decide: the best epoch (the one whose parameters
 * are kept; the earliest among equals), how many epochs failed to improve on the best before them (the
 * plateaus that reduce-on-plateau counts), and whether to stop (no improvement for {@code patience}
 * epochs). Plain Java; the decisions are a function of validation accuracies only, never of test scores.
 */
public final class ValidationWatch {
    private final int patience;
    private final List<Double> accuracies = new ArrayList<>();
    private int firstEpoch = 1;
    private int best = -1;
    private int plateaus;

    /** @param patience epochs without improvement before stopping; 0 = never stop early */
    public ValidationWatch(int patience) {
        this.patience = patience;
    }

    /**
     * Records epoch {@code epoch}'s validation accuracy (epochs in order, possibly not from 1 when a run
     * is continued); returns true when it is the best so far.
     */
    public boolean record(int epoch, double accuracy) {
        if (accuracies.isEmpty()) {
            firstEpoch = epoch;
        }
        accuracies.add(accuracy);
        if (best < 0 || accuracy > accuracies.get(best)) {
            best = accuracies.size() - 1;
            return true;
        }
        plateaus++;
        return false;
    }

    public boolean seenAny() {
        return best >= 0;
    }

    public int bestEpoch() {
        return firstEpoch + best;
    }

    public double bestAccuracy() {
        return accuracies.get(best);
    }

    /** Epochs so far whose validation accuracy did not beat the best before them. */
    public int plateaus() {
        return plateaus;
    }

    /** True when the last {@code patience} epochs have not improved on the best. */
    public boolean shouldStop() {
        return patience > 0 && best >= 0 && accuracies.size() - 1 - best >= patience;
    }
}
