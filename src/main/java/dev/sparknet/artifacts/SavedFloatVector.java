package dev.sparknet.artifacts;

import dev.sparknet.BadInputException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads one float vector in the layout {@code Nd4j.write} gives it (coefficients.bin, updaterState.bin)
 * without letting the file choose what is allocated: ND4J's own reader allocates whatever length the
 * header declares. Here the caller says how many floats the configuration needs, and the header has to
 * agree before anything is allocated.
 *
 * <p>Layout (big-endian, DataOutputStream): the shape buffer (UTF allocation mode, long length, UTF
 * type "LONG", that many longs: rank, shape, strides, extras, element-wise stride, order), then the data
 * buffer (UTF allocation mode, long length, UTF type "FLOAT", that many floats).
 */
final class SavedFloatVector {
    /** What ND4J 1.0.0-M2 writes; older allocation modes store lengths differently. */
    private static final String ALLOCATION_MODE = "MIXED_DATA_TYPES";
    private static final int BLOCK_FLOATS = 1 << 14;

    private SavedFloatVector() {
    }

    /** Bytes a vector of {@code floats} takes, header included: the most its entry may inflate to. */
    static long maxBytes(long floats) {
        return 4 * floats + 256;
    }

    /** Reads exactly {@code expected} floats shaped [expected] or [1, expected]; anything else is refused. */
    static INDArray read(InputStream entry, long expected, String what) {
        DataInputStream in = new DataInputStream(entry);
        try {
            long shapeLength = header(in, "LONG", what);
            if (shapeLength != 6 && shapeLength != 8) {
                throw bad(what, "declares a shape buffer of " + shapeLength + " values, not a vector's 6 or 8");
            }
            long[] shapeInfo = new long[(int) shapeLength];
            for (int i = 0; i < shapeInfo.length; i++) {
                shapeInfo[i] = in.readLong();
            }
            long[] shape = shape(shapeInfo, expected, what);
            char order = (char) shapeInfo[shapeInfo.length - 1];
            if (order != 'c' && order != 'f') {
                throw bad(what, "declares array order " + shapeInfo[shapeInfo.length - 1] + ", neither 'c' nor 'f'");
            }
            long dataLength = header(in, "FLOAT", what);
            if (dataLength != expected) {
                throw bad(what, "declares " + dataLength + " values where the configuration needs " + expected);
            }
            float[] values = new float[Math.toIntExact(expected)];
            byte[] block = new byte[4 * BLOCK_FLOATS];
            for (int done = 0; done < values.length; ) {
                int count = Math.min(BLOCK_FLOATS, values.length - done);
                in.readFully(block, 0, 4 * count);
                ByteBuffer.wrap(block, 0, 4 * count).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(values, done, count);
                done += count;
            }
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw bad(what, "holds values that are not finite (NaN or infinity, the first at index " + i + ")");
                }
            }
            if (in.read() >= 0) {
                throw bad(what, "has bytes after its " + expected + " values");
            }
            return Nd4j.create(values, shape, order);
        } catch (EOFException e) {
            throw bad(what, "ends early (truncated)");
        } catch (UTFDataFormatException e) {
            throw bad(what, "has a malformed header");
        } catch (IOException e) {
            throw bad(what, "cannot be read (" + e.getMessage() + ")");
        }
    }

    private static long header(DataInputStream in, String type, String what) throws IOException {
        String mode = in.readUTF();
        if (!mode.equals(ALLOCATION_MODE)) {
            throw bad(what, "has allocation mode " + BoundedZip.quoted(mode) + ", not " + ALLOCATION_MODE);
        }
        long length = in.readLong();
        String actual = in.readUTF();
        if (!actual.equals(type)) {
            throw bad(what, "holds " + BoundedZip.quoted(actual) + " values where " + type + " belongs");
        }
        return length;
    }

    private static long[] shape(long[] info, long expected, String what) {
        long rank = info[0];
        long[] shape;
        if (rank == 1 && info.length == 6) {
            shape = new long[] {info[1]};
        } else if (rank == 2 && info.length == 8) {
            shape = new long[] {info[1], info[2]};
        } else {
            throw bad(what, "declares rank " + rank + " with " + info.length + " shape values; a vector is expected");
        }
        if (shape[shape.length - 1] != expected || (shape.length == 2 && shape[0] != 1)) {
            throw bad(what, "declares shape " + java.util.Arrays.toString(shape) + " where the configuration needs "
                    + expected + " values");
        }
        return shape;
    }

    private static BadInputException bad(String what, String problem) {
        return new BadInputException(what + " " + problem);
    }
}
