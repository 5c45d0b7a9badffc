package dev.sparknet.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files (raw or gzipped, optionally corrupted) for the data tests. */
public final class IdxTestFiles {
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private IdxTestFiles() {
    }

    /** Pixel value of image {@code i}, pixel {@code p}: a deterministic pattern that covers 0 and 255. */
    static int pixel(int i, int p) {
        return (i * 31 + p * 7) % 256;
    }

    /** A complete images file: magic 0x803, count, rows, cols, then count*rows*cols pixel bytes. */
    static byte[] images(int count, int rows, int cols) {
        return images(0x00000803, count, rows, cols, count * rows * cols);
    }

    /** An images file with an arbitrary header and {@code bodyBytes} body bytes (to make it too short or too long). */
    static byte[] images(int magic, int count, int rows, int cols, int bodyBytes) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(magic);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(cols);
            int ppi = Math.max(1, rows * cols);
            for (int b = 0; b < bodyBytes; b++) {
                out.writeByte(pixel(b / ppi, b % ppi));
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete labels file: magic 0x801, count, then one byte per label. */
    static byte[] labels(int... labels) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(0x00000801);
            out.writeInt(labels.length);
            for (int l : labels) {
                out.writeByte(l);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] content) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
                out.write(content);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] truncate(byte[] content, int length) {
        return Arrays.copyOf(content, length);
    }

    static byte[] append(byte[] content, byte... extra) {
        byte[] out = Arrays.copyOf(content, content.length + extra.length);
        System.arraycopy(extra, 0, out, content.length, extra.length);
        return out;
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Labels 0,1,...,9,0,1,... for {@code count} examples. */
    static int[] cyclicLabels(int count) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
        }
        return labels;
    }

    /** Writes a whole dataset directory: train and t10k splits of the given sizes, raw or gzipped. */
    public static void writeDataset(Path dir, int trainCount, int testCount, int rows, int cols, boolean gzipped) {
        String suffix = gzipped ? ".gz" : "";
        writeFile(dir, TRAIN_IMAGES + suffix, images(trainCount, rows, cols), gzipped);
        writeFile(dir, TRAIN_LABELS + suffix, labels(cyclicLabels(trainCount)), gzipped);
        writeFile(dir, TEST_IMAGES + suffix, images(testCount, rows, cols), gzipped);
        writeFile(dir, TEST_LABELS + suffix, labels(cyclicLabels(testCount)), gzipped);
    }

    static Path writeFile(Path dir, String name, byte[] content, boolean gzipped) {
        return write(dir, name, gzipped ? gzip(content) : content);
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
