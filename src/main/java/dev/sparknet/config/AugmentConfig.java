package dev.sparknet.config;

import dev.sparknet.augment.Augmentation;
import dev.sparknet.augment.ElasticSettings;

/**
 * How training images are augmented: {@code elastic} null for none ({@code --augment none}), and how
 * many examples make one epoch ({@code epochExamples}, 0 = one per training image).
 */
public record AugmentConfig(ElasticSettings elastic, long epochExamples) {
    public static final AugmentConfig NONE = new AugmentConfig(null, 0);

    public static AugmentConfig from(Settings s) {
        long epochExamples = s.has("epoch-examples") ? s.anyLong("epoch-examples") : 0;
        if (epochExamples < 0) {
            throw s.bad("epoch-examples", "must be zero (one per training image) or a positive whole number");
        }
        return switch (s.string("augment", "none")) {
            case "none" -> new AugmentConfig(null, epochExamples);
            case "elastic" -> new AugmentConfig(elastic(s), epochExamples);
            default -> throw s.bad("augment", "expected none or elastic");
        };
    }

    /** The elastic ranges from the {@code elastic-*} settings, each checked and named on its own. */
    public static ElasticSettings elastic(Settings s) {
        double alpha = s.anyDouble("elastic-alpha");
        double sigma = s.anyDouble("elastic-sigma");
        double rotation = s.anyDouble("elastic-rotation");
        double scale = s.anyDouble("elastic-scale");
        double shear = s.anyDouble("elastic-shear");
        double translation = s.anyDouble("elastic-translation");
        if (alpha < 0 || alpha > 1000) {
            throw s.bad("elastic-alpha", "must be in [0, 1000] (0 = no elastic field)");
        }
        if (sigma <= 0 || sigma > 100) {
            throw s.bad("elastic-sigma", "must be in (0, 100] pixels");
        }
        if (rotation < 0 || rotation >= 180) {
            throw s.bad("elastic-rotation", "must be in [0, 180) degrees");
        }
        if (scale < 0 || scale >= 1) {
            throw s.bad("elastic-scale", "must be in [0, 1), e.g. 0.12 for +-12%");
        }
        if (shear < 0 || shear > 2) {
            throw s.bad("elastic-shear", "must be in [0, 2], e.g. 0.15");
        }
        if (translation < 0 || translation > 100) {
            throw s.bad("elastic-translation", "must be in [0, 100] pixels");
        }
        return new ElasticSettings(alpha, sigma, rotation, scale, shear, translation);
    }

    /** What metrics.json records about the augmentation of {@code trainCount} training images. */
    public Augmentation describe(int trainCount) {
        long perEpoch = epochExamples > 0 ? epochExamples : trainCount;
        return elastic == null ? Augmentation.none(perEpoch) : Augmentation.elastic(elastic, perEpoch);
    }
}
