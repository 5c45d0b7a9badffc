package dev.sparknet.data;

import org.deeplearning4j.core.loader.DataSetLoader;
import org.nd4j.common.loader.Source;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;

/** Turns minibatch files ({@link ByteBatch}) into the DataSets DL4J's workers fit, on the executors. */
public final class ByteBatchLoader implements DataSetLoader {
    @Override
    public DataSet load(Source source) throws IOException {
        try (InputStream in = new BufferedInputStream(source.getInputStream(), 1 << 17)) {
            return toDataSet(ByteBatch.readFrom(in, source.getPath()));
        }
    }

    public static DataSet toDataSet(ByteBatch batch) {
        return new DataSet(matrix(batch.scaledFeatures(), batch.rows(), batch.features()),
                matrix(batch.oneHotLabels(), batch.rows(), batch.numClasses()));
    }

    /** One block copy; {@code Nd4j.create(float[], ...)} stores element by element (~1 ms per minibatch). */
    private static INDArray matrix(float[] values, int rows, int columns) {
        INDArray matrix = Nd4j.createUninitializedDetached(DataType.FLOAT, 'c', rows, columns);
        matrix.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().put(values);
        return matrix;
    }
}
