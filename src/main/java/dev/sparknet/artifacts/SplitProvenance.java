package dev.sparknet.artifacts;

import dev.sparknet.data.MnistSplit;

import java.util.List;

/** Which files a split came from, their SHA-256, and how many of their examples a run used. */
public record SplitProvenance(String images, String labels, String imagesSha256, String labelsSha256,
                              long examplesInFiles, long examplesUsed, List<Long> labelCounts) {

    public static SplitProvenance of(MnistSplit split, int used) {
        return new SplitProvenance(split.imagesPath(), split.labelsPath(), split.imagesSha256(), split.labelsSha256(),
                split.count(), used, split.labelCountList());
    }
}
