package dev.sparknet.artifacts;

import dev.sparknet.data.ValidationSplit;

/**
 * The validation split of a run: {@code size} of the first {@code outOf} training images, chosen by
 * {@code seed} (see {@link ValidationSplit}), and the SHA-256 of their indices, so two runs can be seen to
 * have held out the same images.
 */
public record ValidationProvenance(int size, int outOf, long seed, String indicesSha256, String chosenBy) {
    public static ValidationProvenance of(ValidationSplit split) {
        return new ValidationProvenance(split.size(), split.count(), split.seed(), split.checksum(),
                "the images with the smallest hash of (validation seed, image index); never test images");
    }
}
