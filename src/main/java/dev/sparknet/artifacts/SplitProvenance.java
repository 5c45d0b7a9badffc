package dev.sparknet.artifacts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sparknet.data.MnistSplit;

import java.util.List;

/**
 * Which files a split came from, their SHA-256, and how many of their examples a run used;
 * {@code heldOut} is the validation split taken out of the training files (absent without one).
 * {@code table}: the Parquet table the split was read from; the IDX files named beside it are then the run's
 * conversion of it (removed with the run), and their SHA-256 fingerprint the table's labels and pixels in row order.
 */
public record SplitProvenance(String images, String labels, String imagesSha256, String labelsSha256,
                              long examplesInFiles, long examplesUsed, List<Long> labelCounts,
                              @JsonInclude(JsonInclude.Include.NON_NULL) ValidationProvenance heldOut,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String table) {

    public static SplitProvenance of(MnistSplit split, int used) {
        return new SplitProvenance(split.imagesPath(), split.labelsPath(), split.imagesSha256(), split.labelsSha256(),
                split.count(), used, split.labelCountList(), null, split.table());
    }

    public SplitProvenance withHeldOut(ValidationProvenance validation) {
        return new SplitProvenance(images, labels, imagesSha256, labelsSha256, examplesInFiles, examplesUsed,
                labelCounts, validation, table);
    }
}
