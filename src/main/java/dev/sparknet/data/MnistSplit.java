package dev.sparknet.data;

import java.io.Serializable;
import java.util.List;

/**
 * One validated split of an IDX dataset (train or test): where its two files are, how many examples
 * it holds, their size, the label histogram and the files' SHA-256 (for provenance). {@code numClasses}
 * is K, the network's output width: 1 + the largest label of the training file, and {@code labelCounts}
 * always has K entries so reports and provenance line up with the network's outputs. {@code table} is the
 * Parquet table the two files were converted from (they are then a run's temporary files), or null.
 */
public record MnistSplit(String name, String imagesPath, String labelsPath, int count, int rows, int cols,
                         int numClasses, long[] labelCounts, String imagesSha256, String labelsSha256, String table)
        implements Serializable {

    public int pixelsPerImage() {
        return rows * cols;
    }

    /**
     * The same split read against K classes (K at least its own): a test file need not hold the top
     * classes of the training file, and its counts then end in zeros.
     */
    public MnistSplit withNumClasses(int k) {
        if (k < numClasses) {
            throw new IllegalArgumentException(labelsPath + ": holds label " + (numClasses - 1) + ", more than " + k + " classes");
        }
        return new MnistSplit(name, imagesPath, labelsPath, count, rows, cols, k,
                java.util.Arrays.copyOf(labelCounts, k), imagesSha256, labelsSha256, table);
    }

    /** The same split, recorded as converted from the Parquet table {@code path}. */
    public MnistSplit fromTable(String path) {
        return new MnistSplit(name, imagesPath, labelsPath, count, rows, cols, numClasses, labelCounts, imagesSha256,
                labelsSha256, path);
    }

    public List<Long> labelCountList() {
        return java.util.Arrays.stream(labelCounts).boxed().toList();
    }
}
