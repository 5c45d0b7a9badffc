package dev.sparknet.data;

import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Consecutive rows of one Parquet file, validated and turned into IDX bytes on an executor: labels, and pixels
 * image after image. Spark reads a table's files in an order of its own (largest first, several per task), so
 * each chunk says which file and row it starts at, and the driver puts them back in file-name and row order.
 * A plain class rather than a record: task results travel through Kryo, which sets fields one by one.
 */
public final class TableChunk implements Serializable {
    private String file;
    private long firstRow;
    private int count;
    private byte[] labels;
    private byte[] pixels;
    private int largestLabel;

    private TableChunk() {
    }

    public String file() {
        return file;
    }

    public long firstRow() {
        return firstRow;
    }

    public int count() {
        return count;
    }

    public byte[] labels() {
        return labels;
    }

    public byte[] pixels() {
        return pixels;
    }

    public int largestLabel() {
        return largestLabel;
    }

    /** One table row as the Spark reader gives it: its values, the file it came from and its index there. */
    public record Row(Object label, Object features, String file, long rowIndex) {
    }

    /** The chunks of one task's rows: a new chunk wherever the file changes or a row does not follow the last. */
    public static List<TableChunk> of(Iterator<Row> rows, int pixelsPerImage) {
        List<TableChunk> out = new ArrayList<>();
        Builder current = null;
        byte[] image = new byte[pixelsPerImage];
        while (rows.hasNext()) {
            Row row = rows.next();
            TableValues.Place place = new TableValues.Place(row.file(), row.rowIndex());
            int label = TableValues.label(row.label(), place);
            TableValues.pixels(row.features(), pixelsPerImage, image, 0, place);
            if (current == null || !current.continuedBy(row)) {
                if (current != null) {
                    out.add(current.build());
                }
                current = new Builder(row.file(), row.rowIndex());
            }
            current.add(label, image);
        }
        if (current != null) {
            out.add(current.build());
        }
        return out;
    }

    /** Chunks in file-name, then row order; fails if they leave a gap or overlap (rows read twice or never). */
    public static List<TableChunk> inOrder(List<TableChunk> chunks) {
        List<TableChunk> sorted = new ArrayList<>(chunks);
        sorted.sort(Comparator.comparing(TableChunk::file).thenComparingLong(TableChunk::firstRow));
        String file = null;
        long next = 0;
        for (TableChunk c : sorted) {
            if (!c.file.equals(file)) {
                file = c.file;
                next = 0;
            }
            if (c.firstRow != next) {
                throw new IllegalStateException(file + ": rows " + next + ".." + (c.firstRow - 1)
                        + " were not read, or read twice");
            }
            next += c.count;
        }
        return sorted;
    }

    private static final class Builder {
        private final String file;
        private final long firstRow;
        private final ByteArrayOutputStream labels = new ByteArrayOutputStream();
        private final ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        private int count;
        private int largest = -1;

        Builder(String file, long firstRow) {
            this.file = file;
            this.firstRow = firstRow;
        }

        boolean continuedBy(Row row) {
            return row.file().equals(file) && row.rowIndex() == firstRow + count;
        }

        void add(int label, byte[] image) {
            labels.write(label);
            pixels.writeBytes(image);
            largest = Math.max(largest, label);
            count++;
        }

        TableChunk build() {
            TableChunk c = new TableChunk();
            c.file = file;
            c.firstRow = firstRow;
            c.count = count;
            c.labels = labels.toByteArray();
            c.pixels = pixels.toByteArray();
            c.largestLabel = largest;
            return c;
        }
    }
}
