package dev.sparknet.training;

import dev.sparknet.augment.BatchImages;
import dev.sparknet.augment.ElasticBatchLoader;
import dev.sparknet.augment.ElasticSettings;
import dev.sparknet.data.ByteBatchLoader;
import dev.sparknet.data.CounterRandom;
import dev.sparknet.data.ExampleOrder;
import dev.sparknet.data.ExampleSelection;
import org.deeplearning4j.core.loader.DataSetLoader;

import java.util.ArrayList;
import java.util.List;

/**
 * What one training epoch is made of: {@code epochExamples} examples (0 = one per training image), as
 * passes over the training minibatch files. With N training images, N·k + r examples make k full passes
 * and one pass over a seeded choice of ceil(r / batch) files. Each pass has its own loader: plain, or
 * distorting every image afresh for (epoch, pass) on the executors. Pass 1 of an epoch of N examples is
 * exactly the plain job's epoch (same files, same batch order).
 */
public final class EpochFeed {
    private static final DataSetLoader PLAIN = new ByteBatchLoader();

    private final List<String> files;
    private final int count;
    private final int batchSize;
    private final long seed;
    private final long epochExamples;
    private final BatchImages images;
    private final ElasticSettings elastic;
    private final int rows;
    private final int cols;

    private EpochFeed(List<String> files, ExampleSelection selection, int batchSize, long seed, long epochExamples,
                      ElasticSettings elastic, int rows, int cols) {
        this.files = List.copyOf(files);
        this.count = selection.size();
        this.batchSize = batchSize;
        this.seed = seed;
        this.epochExamples = epochExamples > 0 ? epochExamples : this.count;
        this.images = new BatchImages(files, selection, batchSize);
        this.elastic = elastic;
        this.rows = rows;
        this.cols = cols;
    }

    /** The training files as exported (batch order), each epoch one pass, loaded as stored. */
    public static EpochFeed plain(List<String> files, ExampleSelection selection, int batchSize, long seed) {
        return new EpochFeed(files, selection, batchSize, seed, 0, null, 0, 0);
    }

    /**
     * @param elastic the distortion of every training image, or null for none
     * @param selection the training images the files hold, in their order
     * @param seed      the run's seed: of the distortions and of the extra passes' batch order
     */
    public static EpochFeed of(List<String> files, ExampleSelection selection, int batchSize, long seed,
                               long epochExamples, ElasticSettings elastic, int rows, int cols) {
        return new EpochFeed(files, selection, batchSize, seed, epochExamples, elastic, rows, cols);
    }

    public boolean distorts() {
        return elastic != null;
    }

    public List<EpochPass> passes(int epoch) {
        List<EpochPass> passes = new ArrayList<>();
        long full = epochExamples / count;
        long rest = epochExamples % count;
        for (int pass = 0; pass < full; pass++) {
            passes.add(pass(epoch, pass, pass == 0 ? files : permuted(epoch, pass, files.size())));
        }
        if (rest > 0) {
            int take = (int) Math.min(files.size(), (rest + batchSize - 1) / batchSize);
            passes.add(pass(epoch, (int) full, permuted(epoch, (int) full, take)));
        }
        return passes;
    }

    /** Examples in one epoch: the requested number rounded up to whole minibatches. */
    public long examples(int epoch) {
        return passes(epoch).stream().mapToLong(EpochPass::examples).sum();
    }

    private EpochPass pass(int epoch, int draw, List<String> passFiles) {
        long examples = 0;
        for (String f : passFiles) {
            examples += images.rows(f, batchSize);
        }
        DataSetLoader loader = elastic == null ? PLAIN
                : new ElasticBatchLoader(elastic, rows, cols, seed, epoch, draw, images);
        return new EpochPass(passFiles, loader, examples);
    }

    /** The first {@code take} files of a seeded permutation for (epoch, pass): later passes differ in order. */
    private List<String> permuted(int epoch, int pass, int take) {
        int[] order = ExampleOrder.shuffled(files.size(), CounterRandom.key(seed, epoch, pass, -1));
        List<String> out = new ArrayList<>(take);
        for (int i = 0; i < take; i++) {
            out.add(files.get(order[i]));
        }
        return out;
    }
}
