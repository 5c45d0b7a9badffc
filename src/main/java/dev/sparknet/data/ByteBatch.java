package dev.sparknet.data;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.FloatBuffer;

/**
 * One minibatch as the dataset stores it: unsigned pixel bytes and label bytes, a quarter of the size
 * of the same batch as floats. This is what is written once and read every epoch, so reading it must
 * be cheap: a 16-byte header and two byte arrays (ND4J's own DataSet format costs ~15 ms per
 * 128-image batch to read; this ~0.2 ms). Plain Java; the conversion to ND4J arrays is
 * {@link ByteBatchLoader}'s.
 */
public record ByteBatch(int rows, int features, int numClasses, byte[] labels, byte[] pixels) {
    static final int MAGIC = 0x53504231; // "SPB1"
    private static final int BLOCK = 8192;
    public static ByteBatch of(MnistArrays arrays, int[] order, int from, int to, int numClasses) {
        int rows = to - from;
        int f = arrays.pixelsPerImage();
        byte[] labels = new byte[rows];
        byte[] pixels = new byte[rows * f];
        for (int r = 0; r < rows; r++) {
            int example = order[from + r];
            labels[r] = arrays.labels()[example];
            System.arraycopy(arrays.pixels(), example * f, pixels, r * f, f);
        }
        return new ByteBatch(rows, f, numClasses, labels, pixels);
    }

    public int label(int row) {
        return labels[row] & 0xff;
    }

    /** Pixels scaled to [0, 1], row-major. */
    public float[] scaledFeatures() {
        float[] out = new float[pixels.length];
        writeScaledFeatures(FloatBuffer.wrap(out));
        return out;
    }

    /**
     * The same values written into {@code target} from its index 0, through a table and in blocks:
     * the per-element division plus {@code Nd4j.create(float[])} cost ~1 ms per 256-image minibatch,
     * as much as a fifth of a training step.
     */
    public void writeScaledFeatures(FloatBuffer target) {
        float[] block = new float[Math.min(BLOCK, pixels.length)];
        for (int start = 0; start < pixels.length; start += block.length) {
            int len = Math.min(block.length, pixels.length - start);
            PixelScaling.scale(pixels, start, block, 0, len);
            target.put(start, block, 0, len);
        }
    }

    public float[] oneHotLabels() {
        return oneHot(rows, numClasses, this::label);
    }

    /** Row r of the result is class {@code labelOf(r)} one-hot among {@code numClasses}. */
    static float[] oneHot(int rows, int numClasses, java.util.function.IntUnaryOperator labelOf) {
        float[] out = new float[rows * numClasses];
        for (int r = 0; r < rows; r++) {
            out[r * numClasses + labelOf.applyAsInt(r)] = 1f;
        }
        return out;
    }

    public void writeTo(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        new BatchHeader(rows, features, numClasses).write(out, MAGIC);
        out.write(labels);
        out.write(pixels);
        out.flush();
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + labels.length + pixels.length);
        try {
            writeTo(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream", e);
        }
        return bytes.toByteArray();
    }

    public static ByteBatch readFrom(InputStream stream, String name) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(name + ": not a sparknet minibatch file (magic 0x" + Integer.toHexString(magic) + ")");
        }
        return readAfterMagic(in, name);
    }

    /** Reads the rest of a file whose magic number has been read already. */
    static ByteBatch readAfterMagic(DataInputStream in, String name) throws IOException {
        BatchHeader header = BatchHeader.read(in, name);
        byte[] labels = new byte[header.rows()];
        byte[] pixels = new byte[Math.multiplyExact(header.rows(), header.features())];
        header.readBody(in, labels, name);
        header.readBody(in, pixels, name);
        return new ByteBatch(header.rows(), header.features(), header.numClasses(), labels, pixels);
    }
}
