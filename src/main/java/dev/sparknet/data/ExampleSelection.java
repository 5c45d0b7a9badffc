package dev.sparknet.data;

import java.io.Serializable;

/**
 * Which images of a split's file a set of minibatches holds, and in what order: the first images in file
 * order (test data), or the training or validation part of a {@link ValidationSplit}, optionally
 * shuffled by a seed. A small value that every executor turns into the same order.
 *
 * @param limit     ALL: the first {@code limit} images; TRAINING: the first {@code limit} images not held
 *                  out (0 = all of them); VALIDATION: ignored
 * @param orderSeed seed of the shuffled order, or null for ascending image order
 */
public record ExampleSelection(ValidationSplit split, Part part, int limit, Long orderSeed) implements Serializable {
    public enum Part { ALL, TRAINING, VALIDATION }

    /** The first {@code count} images in file order. */
    public static ExampleSelection inFileOrder(int count) {
        return new ExampleSelection(ValidationSplit.none(count), Part.ALL, count, null);
    }

    /**
     * The images of {@code split} not held out (the first {@code limit} of them, 0 = all), shuffled by
     * {@code seed}; without validation and limit, ExampleOrder.shuffled(count, seed).
     */
    public static ExampleSelection training(ValidationSplit split, int limit, long seed) {
        return new ExampleSelection(split, Part.TRAINING, limit, seed);
    }

    public static ExampleSelection training(ValidationSplit split, long seed) {
        return training(split, 0, seed);
    }

    public static ExampleSelection validation(ValidationSplit split) {
        return new ExampleSelection(split, Part.VALIDATION, 0, null);
    }

    /** How many images are read from the file: up to the last one selected. */
    public int imagesToRead() {
        int[] images = images();
        return images.length == 0 ? 0 : images[images.length - 1] + 1;
    }

    /** How many examples the minibatches hold. */
    public int size() {
        return switch (part) {
            case ALL -> Math.min(limit, split.count());
            case TRAINING -> limit > 0 ? Math.min(limit, split.trainingCount()) : split.trainingCount();
            case VALIDATION -> split.size();
        };
    }

    /** The selected image indices, ascending. */
    private int[] images() {
        return switch (part) {
            case ALL -> ExampleOrder.identity(size());
            case TRAINING -> java.util.Arrays.copyOf(split.training(), size());
            case VALIDATION -> split.validation();
        };
    }

    /** Image indices in minibatch order. */
    public int[] order() {
        int[] images = images();
        if (orderSeed == null) {
            return images;
        }
        int[] permutation = ExampleOrder.shuffled(images.length, orderSeed);
        int[] out = new int[images.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = images[permutation[k]];
        }
        return out;
    }
}
