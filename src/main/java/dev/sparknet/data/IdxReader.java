package dev.sparknet.data;

import dev.sparknet.BadInputException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (MNIST's format) from any stream. Plain Java: no Spark, no Hadoop, no ND4J, so every
 * malformed-file case is testable on its own. Gzip is recognised by its first two bytes, never by the
 * file name.
 */
public final class IdxReader {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private IdxReader() {
    }

    /** Wraps {@code raw} in a gunzipping stream when its content starts with the gzip magic bytes. */
    public static InputStream decompressIfGzip(InputStream raw, String name) {
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2) {
                return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            }
            return in;
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    /** Reads and checks the 16-byte header of an images file (magic 0x803, count, rows, cols). */
    public static IdxHeader readImagesHeader(DataInputStream in, String name) {
        expectMagic(in, name, IdxFormat.IMAGES_MAGIC, "images");
        int count = readInt(in, name);
        int rows = readInt(in, name);
        int cols = readInt(in, name);
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new BadInputException(name + ": impossible dimensions " + count + " x " + rows + " x " + cols);
        }
        return new IdxHeader(IdxHeader.Kind.IMAGES, count, rows, cols);
    }

    /** Reads and checks the 8-byte header of a labels file (magic 0x801, count). */
    public static IdxHeader readLabelsHeader(DataInputStream in, String name) {
        expectMagic(in, name, IdxFormat.LABELS_MAGIC, "labels");
        int count = readInt(in, name);
        if (count < 0) {
            throw new BadInputException(name + ": negative label count " + count);
        }
        return new IdxHeader(IdxHeader.Kind.LABELS, count, 1, 1);
    }

    /** Reads exactly {@code length} bytes of the body, or fails naming the file as truncated. */
    public static byte[] readBody(DataInputStream in, int length, String name) {
        byte[] body = new byte[length];
        readFully(in, body, length, name);
        return body;
    }

    /** Reads exactly {@code length} bytes into the start of {@code buffer}, or fails naming the file as truncated. */
    public static void readFully(DataInputStream in, byte[] buffer, int length, String name) {
        try {
            in.readFully(buffer, 0, length);
        } catch (EOFException e) {
            throw new BadInputException(name + ": truncated (the header announces more data than the file holds)");
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    /** Fails when anything follows the body: a file longer than its header says is not what it claims. */
    public static void expectEnd(InputStream in, String name) {
        try {
            if (in.read() != -1) {
                throw new BadInputException(name + ": longer than its header says (extra bytes after the data)");
            }
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    /** The first four bytes say what an IDX file holds; other bytes there mean it is not the file it claims to be. */
    private static void expectMagic(DataInputStream in, String name, int expected, String kind) {
        int magic = readInt(in, name);
        if (magic != expected) {
            throw new BadInputException(String.format("%s: not an IDX %s file (magic number 0x%08x, expected 0x%08x)",
                    name, kind, magic, expected));
        }
    }

    private static int readInt(DataInputStream in, String name) {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new BadInputException(name + ": too short for an IDX header (empty or truncated file)");
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    /** Why a read failed, for every read of a file: corrupt gzip, cut-off gzip, or the storage's own error. */
    private static BadInputException unreadable(String name, IOException e) {
        if (e instanceof ZipException) {
            return new BadInputException(name + ": corrupt gzip data (" + e.getMessage() + ")");
        }
        // GZIPInputStream reports a cut-off stream (header, body or trailer) as an EOFException, often
        // without a message.
        String message = String.valueOf(e.getMessage());
        if (e instanceof EOFException || message.contains("end of ZLIB") || message.contains("Unexpected end")) {
            return new BadInputException(name + ": truncated gzip file");
        }
        return new BadInputException(name + ": cannot read (" + message + ")", e);
    }
}
