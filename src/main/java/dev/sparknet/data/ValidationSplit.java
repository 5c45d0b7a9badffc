package dev.sparknet.data;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The first {@code count} images of a training file, {@code size} of them held out for validation: the
 * {@code size} images whose hash of ({@code seed}, image index) is smallest. The choice depends on the
 * image index and the validation seed only, not on the training seed, so models trained with different
 * seeds (retrain's champion and challenger, a seed sweep) are compared on images none of them trained on;
 * and images appended to the file can push an image out of the validation split but never pull one in, so
 * a model trained on an earlier, shorter file never trained on today's validation images either.
 * Recomputed wherever it is needed (driver and executors); a few milliseconds for 60,000 images.
 */
public record ValidationSplit(int count, int size, long seed) implements Serializable {
    public ValidationSplit {
        if (count < 0 || size < 0 || size >= Math.max(1, count)) {
            throw new IllegalArgumentException("validation split of " + size + " out of " + count
                    + " training images: it must leave at least one image to train on");
        }
    }

    public static ValidationSplit none(int count) {
        return new ValidationSplit(count, 0, 0);
    }

    public int trainingCount() {
        return count - size;
    }

    /** The held-out images' indices, ascending. */
    public int[] validation() {
        if (size == 0) {
            return new int[0];
        }
        long[] ranked = new long[count];
        for (int i = 0; i < count; i++) {
            // the hash's top 31 bits, then the index: a total order, unchanged by appending images
            ranked[i] = ((CounterRandom.mix(CounterRandom.key(seed, -1, -1, i)) >>> 33) << 32) | i;
        }
        Arrays.sort(ranked);
        int[] out = new int[size];
        for (int k = 0; k < size; k++) {
            out[k] = (int) ranked[k];
        }
        Arrays.sort(out);
        return out;
    }

    /** The images left to train on, ascending. */
    public int[] training() {
        int[] held = validation();
        int[] out = new int[count - size];
        for (int i = 0, h = 0, o = 0; i < count; i++) {
            if (h < held.length && held[h] == i) {
                h++;
            } else {
                out[o++] = i;
            }
        }
        return out;
    }

    /** SHA-256 of the held-out indices (4-byte big-endian each), recorded in provenance. */
    public String checksum() {
        int[] held = validation();
        ByteBuffer bytes = ByteBuffer.allocate(4 * held.length);
        for (int i : held) {
            bytes.putInt(i);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
