package dev.sparknet.augment;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What metrics.json and bench.json record about the training images' augmentation: {@code none} or
 * {@code elastic} with its ranges, and how many examples made one epoch.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Augmentation(String augment, ElasticSettings elastic, String made, String seededBy, long epochExamples) {
    public static Augmentation none(long epochExamples) {
        return new Augmentation("none", null, null, null, epochExamples);
    }

    public static Augmentation elastic(ElasticSettings elastic, long epochExamples) {
        return new Augmentation("elastic", elastic,
                "on the executors, in the training tasks, fresh every epoch; the test split is never distorted",
                "seed, epoch, repeat within the epoch, training image index", epochExamples);
    }
}
