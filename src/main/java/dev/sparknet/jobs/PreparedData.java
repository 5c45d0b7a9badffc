package dev.sparknet.jobs;

import dev.sparknet.artifacts.SplitProvenance;
import dev.sparknet.data.BatchExport;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.data.ScratchDirectory;
import dev.sparknet.spark.SlowStep;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A dataset cut into minibatch files once, on the executors: the training batches shuffled, the test batches in order. */
public record PreparedData(List<String> trainFiles, List<String> testFiles, int trainCount, int testCount) {
    /** Test minibatches are larger than training ones: scoring has no gradients to hold. */
    public static final int EVAL_BATCH = 500;

    /** The files of both splits, with their checksums and how many examples this run used of each. */
    public Map<String, SplitProvenance> provenance(MnistDataset data) {
        Map<String, SplitProvenance> out = new LinkedHashMap<>();
        out.put("train", SplitProvenance.of(data.train(), trainCount));
        out.put("test", SplitProvenance.of(data.test(), testCount));
        return out;
    }

    public static PreparedData export(JavaSparkContext sc, MnistDataset data, int trainLimit, int testLimit,
                                      int batchSize, long seed, ScratchDirectory scratch, int workers) {
        int trainCount = limit(data.train().count(), trainLimit);
        int testCount = limit(data.test().count(), testLimit);
        long start = System.nanoTime();
        List<String> train;
        List<String> test;
        try (SlowStep step = SlowStep.start(sc, "exporting minibatches")) {
            train = BatchExport.export(sc, data.train(), trainCount, batchSize, seed, scratch.resolve("train"), workers);
            test = BatchExport.export(sc, data.test(), testCount, EVAL_BATCH, null, scratch.resolve("test"), workers);
        }
        LoggerFactory.getLogger(PreparedData.class).info("exported {} training ({} images) and {} test minibatches ({} images) in {} s",
                train.size(), trainCount, test.size(), testCount, String.format("%.1f", (System.nanoTime() - start) / 1e9));
        return new PreparedData(train, test, trainCount, testCount);
    }

    /** How many examples a split contributes: all of them, or the first {@code limit} when it is set. */
    static int limit(int available, int limit) {
        return limit > 0 ? Math.min(limit, available) : available;
    }
}
