package dev.sparknet.data;

import java.io.Serializable;

/** How many training images to hold out for validation ({@code size} 0 = none), and the seed choosing them. */
public record Holdout(int size, long seed) implements Serializable {
    public static final Holdout NONE = new Holdout(0, 0);

    public Holdout {
        if (size < 0) {
            throw new IllegalArgumentException("validation size " + size);
        }
    }
}
