package dev.sparknet.jobs;

import dev.sparknet.BadInputException;
import dev.sparknet.artifacts.SplitProvenance;
import dev.sparknet.artifacts.ValidationProvenance;
import dev.sparknet.data.BatchExport;
import dev.sparknet.data.ExampleSelection;
import dev.sparknet.data.Holdout;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.data.ScratchDirectory;
import dev.sparknet.data.ValidationSplit;
import dev.sparknet.spark.SlowStep;
import dev.sparknet.training.TrainingConfig;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset cut into minibatch files once, on the executors: the training batches shuffled, the validation
 * batches (training images held out, possibly none) and the test batches in order.
 *
 * @param train which training images the training batches hold, in their order
 */
public record PreparedData(List<String> trainFiles, List<String> validationFiles, List<String> testFiles,
                           ExampleSelection train, int testCount) {
    /** Test minibatches are larger than training ones: scoring has no gradients to hold. */
    public static final int EVAL_BATCH = 500;

    public int trainCount() {
        return train.size();
    }

    public int validationCount() {
        return train.split().size();
    }

    public boolean validates() {
        return !validationFiles.isEmpty();
    }

    /** The files of both splits, with their checksums, how many examples this run used of each and what it held out. */
    public Map<String, SplitProvenance> provenance(MnistDataset data) {
        Map<String, SplitProvenance> out = new LinkedHashMap<>();
        out.put("train", SplitProvenance.of(data.train(), trainCount()).withHeldOut(validationProvenance()));
        out.put("test", SplitProvenance.of(data.test(), testCount));
        return out;
    }

    /** The validation split as provenance records it, or null without one. */
    public ValidationProvenance validationProvenance() {
        ValidationSplit split = train.split();
        return split.size() == 0 ? null : ValidationProvenance.of(split);
    }

    /** Cuts the splits into minibatches: training ones of {@code training}'s batch size and seed, less its holdout. */
    public static PreparedData export(JavaSparkContext sc, MnistDataset data, int trainLimit, int testLimit,
                                      TrainingConfig training, ScratchDirectory scratch, int workers) {
        int batchSize = training.batchSize();
        ExampleSelection train = trainingSelection(data.train().count(), trainLimit, training);
        ValidationSplit split = train.split();
        int testCount = limit(data.test().count(), testLimit);
        long start = System.nanoTime();
        List<String> trainFiles;
        List<String> validationFiles = List.of();
        List<String> testFiles;
        try (SlowStep step = SlowStep.start(sc, "exporting minibatches")) {
            trainFiles = BatchExport.export(sc, data.train(), train, batchSize, scratch.resolve("train"), workers);
            if (split.size() > 0) {
                validationFiles = BatchExport.export(sc, data.train(), ExampleSelection.validation(split), EVAL_BATCH,
                        scratch.resolve("validation"), workers);
            }
            testFiles = BatchExport.export(sc, data.test(), ExampleSelection.inFileOrder(testCount), EVAL_BATCH,
                    scratch.resolve("test"), workers);
        }
        LoggerFactory.getLogger(PreparedData.class).info("exported {} training ({} images), {} validation ({} images) "
                        + "and {} test minibatches ({} images) in {} s", trainFiles.size(), train.size(),
                validationFiles.size(), split.size(), testFiles.size(), testCount,
                String.format("%.1f", (System.nanoTime() - start) / 1e9));
        return new PreparedData(trainFiles, validationFiles, testFiles, train, testCount);
    }

    /**
     * The training images of a file of {@code count}: those not held out for validation (chosen from the
     * whole file, so --train-limit never changes which images validate), the first {@code trainLimit} of
     * them (0 = all), in {@code training}'s seeded order.
     */
    public static ExampleSelection trainingSelection(int count, int trainLimit, TrainingConfig training) {
        Holdout holdout = training.holdout();
        int size = holdout.sizeFor(count);
        if (size >= count) {
            throw new BadInputException("--validation " + holdout.describe() + " leaves no training images: the "
                    + "training split has " + count);
        }
        return ExampleSelection.training(new ValidationSplit(count, size, holdout.seed()), trainLimit, training.seed());
    }

    /** How many examples a split contributes: all of them, or the first {@code limit} when it is set. */
    static int limit(int available, int limit) {
        return limit > 0 ? Math.min(limit, available) : available;
    }
}
