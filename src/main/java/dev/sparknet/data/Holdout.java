package dev.sparknet.data;

import java.io.Serializable;

/**
 * How many training images to hold out for validation, and the seed choosing them: {@code size} images,
 * or, when {@code percent > 0}, that share of the training file (rounded), so one default suits files of
 * any size. Neither set: none.
 */
public record Holdout(int size, double percent, long seed) implements Serializable {
    public static final Holdout NONE = new Holdout(0, 0, 0);

    public Holdout {
        if (size < 0 || !(percent >= 0 && percent < 100) || (size > 0 && percent > 0)) {
            throw new IllegalArgumentException("validation of " + size + " images or " + percent + "%");
        }
    }

    public boolean any() {
        return size > 0 || percent > 0;
    }

    /** Images held out of a training file of {@code count}: at least one when a share is asked for. */
    public int sizeFor(int count) {
        return percent > 0 ? Math.max(1, (int) Math.round(count * percent / 100)) : size;
    }

    /** As the flag was given: "5000" or "8%". */
    public String describe() {
        return percent > 0 ? (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent)) + "%"
                : String.valueOf(size);
    }
}
