package dev.sparknet.evaluation;

import java.util.OptionalDouble;

/**
 * Decides whether a retrained model (the challenger) replaces the published one (the champion): it
 * does when there is no champion, or when its accuracy on the same validation images (training images
 * neither model trained on; never the test split) is at least the champion's minus {@code tolerance}.
 * Plain Java, so the rule is unit-testable.
 */
public record PromotionPolicy(double tolerance) {
    public PromotionPolicy {
        if (!(tolerance >= 0) || tolerance >= 1) {
            throw new IllegalArgumentException("tolerance must be in [0, 1), got " + tolerance);
        }
    }

    public record Decision(boolean promote, String reason) {
    }

    public Decision decide(OptionalDouble championAccuracy, double challengerAccuracy) {
        if (championAccuracy.isEmpty()) {
            return new Decision(true, String.format("first model of the registry (validation accuracy %.4f)", challengerAccuracy));
        }
        double champion = championAccuracy.getAsDouble();
        double bar = champion - tolerance;
        if (challengerAccuracy >= bar) {
            return new Decision(true, String.format("challenger validation accuracy %.4f >= champion %.4f - tolerance %.4f",
                    challengerAccuracy, champion, tolerance));
        }
        return new Decision(false, String.format("challenger validation accuracy %.4f < champion %.4f - tolerance %.4f",
                challengerAccuracy, champion, tolerance));
    }
}
