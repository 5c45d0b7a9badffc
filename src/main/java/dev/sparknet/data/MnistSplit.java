package dev.sparknet.data;

import java.io.Serializable;
import java.util.List;

/**
 * One validated split of an IDX dataset (train or test): where its two files are, how many examples
 * it holds, their size, the label histogram and the files' SHA-256 (for provenance).
 */
public record MnistSplit(String name, String imagesPath, String labelsPath, int count, int rows, int cols,
                         int numClasses, long[] labelCounts, String imagesSha256, String labelsSha256)
        implements Serializable {

    public int pixelsPerImage() {
        return rows * cols;
    }

    public List<Long> labelCountList() {
        return java.util.Arrays.stream(labelCounts).boxed().toList();
    }
}
