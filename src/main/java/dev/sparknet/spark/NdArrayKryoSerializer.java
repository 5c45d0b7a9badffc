package dev.sparknet.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes an ND4J array as a small header and its raw bytes, copied in blocks. Every averaging round
 * moves the network's parameters and Adam state (15 MB for 784-1568-10) through Kryo twice: out in
 * the broadcast, back in each worker's result. ND4J's own serializer writes them one float at a time
 * through a DataOutputStream, 50-100 ms per array on this machine; a block copy takes a few.
 *
 * <p>Bytes are in the writer's native order, which is recorded and checked on reading.
 */
public final class NdArrayKryoSerializer extends Serializer<INDArray> {
    private static final int BLOCK = 1 << 16;
    private static final byte LITTLE_ENDIAN = 0;
    private static final byte BIG_ENDIAN = 1;
    private static final byte NATIVE_ORDER = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? LITTLE_ENDIAN : BIG_ENDIAN;

    @Override
    public void write(Kryo kryo, Output output, INDArray array) {
        INDArray contiguous = array.isEmpty() || !(array.isView() || array.offset() != 0 || array.elementWiseStride() != 1)
                ? array : array.dup(array.ordering());
        output.writeByte(NATIVE_ORDER);
        output.writeString(contiguous.dataType().name());
        output.writeBoolean(contiguous.isEmpty());
        output.writeChar(contiguous.ordering());
        long[] shape = contiguous.shape();
        output.writeInt(shape.length, true);
        for (long size : shape) {
            output.writeLong(size, true);
        }
        if (contiguous.isEmpty()) {
            return;
        }
        long bytes = contiguous.length() * contiguous.dataType().width();
        ByteBuffer source = contiguous.data().asNio();
        byte[] block = new byte[(int) Math.min(BLOCK, bytes)];
        for (long done = 0; done < bytes; done += block.length) {
            int n = (int) Math.min(block.length, bytes - done);
            source.get((int) done, block, 0, n);
            output.writeBytes(block, 0, n);
        }
    }

    @Override
    public INDArray read(Kryo kryo, Input input, Class<INDArray> type) {
        if (input.readByte() != NATIVE_ORDER) {
            throw new IllegalStateException("an ND4J array was written on a machine of the other byte order;"
                    + " mixed-endian clusters are not supported");
        }
        DataType dataType = DataType.valueOf(input.readString());
        boolean empty = input.readBoolean();
        char ordering = input.readChar();
        long[] shape = new long[input.readInt(true)];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = input.readLong(true);
        }
        if (empty) {
            return Nd4j.empty(dataType);
        }
        // Detached: a worker may be inside one of DL4J's workspaces when Spark hands it the array.
        INDArray array = Nd4j.createUninitializedDetached(dataType, ordering, shape);
        long bytes = array.length() * dataType.width();
        ByteBuffer target = array.data().asNio();
        byte[] block = new byte[(int) Math.min(BLOCK, bytes)];
        for (long done = 0; done < bytes; done += block.length) {
            int n = (int) Math.min(block.length, bytes - done);
            input.readBytes(block, 0, n);
            target.put((int) done, block, 0, n);
        }
        return array;
    }
}
