package dev.sparknet.augment;

import dev.sparknet.data.ByteBatch;
import dev.sparknet.data.ByteBatchLoader;
import dev.sparknet.data.CounterRandom;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.nd4j.common.loader.Source;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;

/**
 * Loads a training minibatch file on the executor and distorts every image in it before it becomes a
 * DataSet: the distorted images exist only inside the training task. Image i of epoch e (repeat d within
 * the epoch) always gets the distortion of key (seed, e, d, i), whichever task, partition or worker loads it.
 */
public final class ElasticBatchLoader implements DataSetLoader {
    private static final long serialVersionUID = 1L;
    private final ElasticSettings settings;
    private final int rows;
    private final int cols;
    private final long seed;
    private final int epoch;
    private final int draw;
    private final BatchImages images;

    public ElasticBatchLoader(ElasticSettings settings, int rows, int cols, long seed, int epoch, int draw,
                              BatchImages images) {
        this.settings = settings;
        this.rows = rows;
        this.cols = cols;
        this.seed = seed;
        this.epoch = epoch;
        this.draw = draw;
        this.images = images;
    }

    @Override
    public DataSet load(Source source) throws IOException {
        return ByteBatchLoader.toDataSet(distort(ByteBatchLoader.read(source), source.getPath()));
    }

    /** The batch with every image replaced by its distortion; labels unchanged. */
    public ByteBatch distort(ByteBatch batch, String file) {
        if (batch.features() != rows * cols) {
            throw new IllegalArgumentException(file + ": " + batch.features() + " pixels per image, expected "
                    + rows + "x" + cols);
        }
        ElasticDistortion distortion = new ElasticDistortion(settings, rows, cols);
        byte[] out = new byte[batch.pixels().length];
        int f = batch.features();
        for (int r = 0; r < batch.rows(); r++) {
            long key = CounterRandom.key(seed, epoch, draw, images.image(file, r));
            distortion.apply(batch.pixels(), r * f, out, r * f, key);
        }
        return new ByteBatch(batch.rows(), f, batch.numClasses(), batch.labels(), out);
    }
}
