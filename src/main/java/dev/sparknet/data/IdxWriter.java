package dev.sparknet.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * Writes uncompressed IDX files (MNIST's format, {@link IdxFormat}) from {@link TableChunk}s in their order, on any
 * Hadoop file system: what a Parquet table becomes so that the IDX path reads it unchanged.
 */
public final class IdxWriter {
    private IdxWriter() {
    }

    /** An idx3 images file: magic, count, rows, cols, then the chunks' pixels. */
    public static void images(String path, List<TableChunk> chunks, int rows, int cols, Configuration conf) {
        write(path, chunks, new int[]{IdxFormat.IMAGES_MAGIC, count(chunks), rows, cols}, TableChunk::pixels, conf);
    }

    /** An idx1 labels file: magic, count, then the chunks' labels. */
    public static void labels(String path, List<TableChunk> chunks, Configuration conf) {
        write(path, chunks, new int[]{IdxFormat.LABELS_MAGIC, count(chunks)}, TableChunk::labels, conf);
    }

    public static int count(List<TableChunk> chunks) {
        return Math.toIntExact(chunks.stream().mapToLong(TableChunk::count).sum());
    }

    private static void write(String path, List<TableChunk> chunks, int[] header, Function<TableChunk, byte[]> body,
                              Configuration conf) {
        Path file = new Path(path);
        try {
            FileSystem fs = file.getFileSystem(conf);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fs.create(file, true), 1 << 20))) {
                for (int h : header) {
                    out.writeInt(h); // big-endian, as IDX wants
                }
                for (TableChunk c : chunks) {
                    out.write(body.apply(c));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
