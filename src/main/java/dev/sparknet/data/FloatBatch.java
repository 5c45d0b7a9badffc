package dev.sparknet.data;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * One minibatch of arbitrary real-valued features (a DataFrame's vectors for the Spark ML estimator), stored
 * as float32: images have {@link ByteBatch}, a quarter of the size, but a feature column may hold anything.
 * Same layout idea: a 16-byte header, the labels, then the features row-major, so reading is two bulk copies.
 */
public record FloatBatch(int rows, int features, int numClasses, int[] labels, float[] values) {
    static final int MAGIC = 0x53504631; // "SPF1"

    public FloatBatch {
        if (labels.length != rows || values.length != (long) rows * features) {
            throw new IllegalArgumentException(rows + " rows of " + features + " features, but " + labels.length
                    + " labels and " + values.length + " values");
        }
    }

    public float[] oneHotLabels() {
        return ByteBatch.oneHot(rows, numClasses, r -> labels[r]);
    }

    public void writeTo(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        new BatchHeader(rows, features, numClasses).write(out, MAGIC);
        ByteBuffer bytes = ByteBuffer.allocate(4 * (labels.length + values.length));
        bytes.asIntBuffer().put(labels);
        bytes.position(4 * labels.length);
        bytes.asFloatBuffer().put(values);
        out.write(bytes.array());
        out.flush();
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 4 * (labels.length + values.length));
        try {
            writeTo(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream", e);
        }
        return bytes.toByteArray();
    }

    /** Reads the rest of a file whose magic number has been read already. */
    static FloatBatch readAfterMagic(DataInputStream in, String name) throws IOException {
        BatchHeader header = BatchHeader.read(in, name);
        int rows = header.rows();
        int features = header.features();
        byte[] body = new byte[Math.multiplyExact(4, Math.addExact(rows, Math.multiplyExact(rows, features)))];
        header.readBody(in, body, name);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        int[] labels = new int[rows];
        bytes.asIntBuffer().get(labels);
        bytes.position(4 * rows);
        float[] values = new float[rows * features];
        FloatBuffer floats = bytes.asFloatBuffer();
        floats.get(values);
        return new FloatBatch(rows, features, header.numClasses(), labels, values);
    }

    public static FloatBatch readFrom(InputStream stream, String name) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(name + ": not a float minibatch file (magic 0x" + Integer.toHexString(magic) + ")");
        }
        return readAfterMagic(in, name);
    }
}
