package dev.sparknet.data;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * What every minibatch file ({@link ByteBatch}, {@link FloatBatch}) starts with after its magic number: rows,
 * features per row, classes. Read back, sizes that cannot be a minibatch and a body cut short are refused with the
 * file's name rather than failing on an array size.
 */
record BatchHeader(int rows, int features, int numClasses) {

    void write(DataOutputStream out, int magic) throws IOException {
        out.writeInt(magic);
        out.writeInt(rows);
        out.writeInt(features);
        out.writeInt(numClasses);
    }

    /** The header of a file whose magic number has been read already. */
    static BatchHeader read(DataInputStream in, String name) throws IOException {
        BatchHeader header = new BatchHeader(in.readInt(), in.readInt(), in.readInt());
        if (header.rows < 0 || header.features < 0 || header.numClasses < 1) {
            throw new IOException(name + ": corrupt minibatch header (" + header.rows + " rows, " + header.features
                    + " features, " + header.numClasses + " classes)");
        }
        return header;
    }

    /** Fills {@code body} from the file, or names the file as cut short. */
    void readBody(DataInputStream in, byte[] body, String name) throws IOException {
        try {
            in.readFully(body);
        } catch (EOFException e) {
            throw new IOException(name + ": truncated minibatch file (" + rows + " rows of " + features + " features)", e);
        }
    }
}
