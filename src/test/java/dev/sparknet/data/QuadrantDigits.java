package dev.sparknet.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * A trivially separable MNIST look-alike for Spark tests that must run without the real data: 28x28
 * images of {@code classes} (at most 4) classes, class k a bright 10x10 block in quadrant k (top-left,
 * top-right, bottom-left, bottom-right) over seeded noise. Written as the four MNIST IDX files (gzipped),
 * so every job reads it exactly like MNIST.
 */
public final class QuadrantDigits {
    public static final int SIDE = 28;

    private QuadrantDigits() {
    }

    /** The label of example {@code i}: 0, 1, ..., classes-1, 0, 1, ... */
    public static int label(int i, int classes) {
        return i % classes;
    }

    /** Writes train and t10k files of {@code trainCount} and {@code testCount} examples into {@code dir}. */
    public static void write(Path dir, int trainCount, int testCount, int classes, long seed) {
        if (classes < 1 || classes > 4) {
            throw new IllegalArgumentException("1..4 classes (one per quadrant)");
        }
        Random random = new Random(seed);
        IdxTestFiles.writeFile(dir, IdxTestFiles.TRAIN_IMAGES + ".gz", images(trainCount, classes, random), true);
        IdxTestFiles.writeFile(dir, IdxTestFiles.TRAIN_LABELS + ".gz", IdxTestFiles.labels(labels(trainCount, classes)), true);
        IdxTestFiles.writeFile(dir, IdxTestFiles.TEST_IMAGES + ".gz", images(testCount, classes, random), true);
        IdxTestFiles.writeFile(dir, IdxTestFiles.TEST_LABELS + ".gz", IdxTestFiles.labels(labels(testCount, classes)), true);
    }

    public static int[] labels(int count, int classes) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = label(i, classes);
        }
        return labels;
    }

    private static byte[] images(int count, int classes, Random random) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(0x00000803);
            out.writeInt(count);
            out.writeInt(SIDE);
            out.writeInt(SIDE);
            for (int i = 0; i < count; i++) {
                int k = label(i, classes);
                int top = (k / 2) * 14 + 2;
                int left = (k % 2) * 14 + 2;
                for (int r = 0; r < SIDE; r++) {
                    for (int c = 0; c < SIDE; c++) {
                        boolean block = r >= top && r < top + 10 && c >= left && c < left + 10;
                        int v = block ? 180 + random.nextInt(76) : random.nextInt(60);
                        out.writeByte(v);
                    }
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
