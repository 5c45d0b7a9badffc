package dev.sparknet.data;

import org.deeplearning4j.core.loader.DataSetLoader;
import org.nd4j.common.loader.Source;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Turns minibatch files ({@link ByteBatch}) into the DataSets DL4J's workers fit, on the executors. */
public final class ByteBatchLoader implements DataSetLoader {
    @Override
    public DataSet load(Source source) throws IOException {
        try (InputStream in = new BufferedInputStream(source.getInputStream(), 1 << 17)) {
            return toDataSet(ByteBatch.readFrom(in, source.getPath()));
        }
    }

    public static DataSet toDataSet(ByteBatch batch) {
        return new DataSet(
                Nd4j.create(batch.scaledFeatures(), new long[]{batch.rows(), batch.features()}, 'c'),
                Nd4j.create(batch.oneHotLabels(), new long[]{batch.rows(), batch.numClasses()}, 'c'));
    }
}
