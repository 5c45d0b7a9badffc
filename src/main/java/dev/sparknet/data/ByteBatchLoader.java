package dev.sparknet.data;

import org.apache.hadoop.fs.Path;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.nd4j.common.loader.Source;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Turns minibatch files ({@link ByteBatch}, {@link FloatBatch}) into the DataSets DL4J's workers fit, on the executors. */
public final class ByteBatchLoader implements DataSetLoader {
    @Override
    public DataSet load(Source source) throws IOException {
        try (InputStream in = new BufferedInputStream(open(source), 1 << 17)) {
            return readDataSet(in, source.getPath());
        }
    }

    /** Either kind of minibatch file, told apart by its magic number: image bytes or float features. */
    public static DataSet readDataSet(InputStream stream, String name) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int magic = in.readInt();
        if (magic == ByteBatch.MAGIC) {
            return toDataSet(ByteBatch.readAfterMagic(in, name));
        }
        if (magic == FloatBatch.MAGIC) {
            return toDataSet(FloatBatch.readAfterMagic(in, name));
        }
        throw new IOException(name + ": not a sparknet minibatch file (magic 0x" + Integer.toHexString(magic) + ")");
    }

    /** The minibatch file as stored, e.g. for a loader that distorts it before it becomes a DataSet. */
    public static ByteBatch read(Source source) throws IOException {
        try (InputStream in = new BufferedInputStream(open(source), 1 << 17)) {
            return ByteBatch.readFrom(in, source.getPath());
        }
    }

    /**
     * Local files are read directly: DL4J opens every minibatch through Hadoop with a 4 MB buffer,
     * which on the local file system is allocated (and zeroed) per file, ~0.9 ms per minibatch.
     */
    private static InputStream open(Source source) throws IOException {
        URI uri = new Path(source.getPath()).toUri();
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            return new FileInputStream(uri.getPath());
        }
        return source.getInputStream();
    }

    public static DataSet toDataSet(ByteBatch batch) {
        return new DataSet(features(batch), matrix(batch.oneHotLabels(), batch.rows(), batch.numClasses()));
    }

    public static DataSet toDataSet(FloatBatch batch) {
        return new DataSet(matrix(batch.values(), batch.rows(), batch.features()),
                matrix(batch.oneHotLabels(), batch.rows(), batch.numClasses()));
    }

    /** The pixels scaled straight into the array's memory: no float[] of the whole minibatch in between. */
    private static INDArray features(ByteBatch batch) {
        INDArray matrix = Nd4j.createUninitializedDetached(DataType.FLOAT, 'c', batch.rows(), batch.features());
        batch.writeScaledFeatures(floats(matrix));
        return matrix;
    }

    private static INDArray matrix(float[] values, int rows, int columns) {
        INDArray matrix = Nd4j.createUninitializedDetached(DataType.FLOAT, 'c', rows, columns);
        floats(matrix).put(values);
        return matrix;
    }

    private static FloatBuffer floats(INDArray matrix) {
        return matrix.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
