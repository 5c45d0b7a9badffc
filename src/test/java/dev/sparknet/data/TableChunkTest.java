package dev.sparknet.data;

import dev.sparknet.BadInputException;
import org.apache.spark.ml.linalg.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rows to chunks on an executor, and chunks back into file and row order on the driver; plain Java. */
class TableChunkTest {
    private static TableChunk.Row row(String file, long index, int label) {
        return new TableChunk.Row(label, Vectors.dense(label / 255.0, 1.0), file, index);
    }

    @Test
    void aTaskThatReadsTwoFilesGivesOneChunkPerRunOfRows() {
        // Spark packs the largest file first: b's rows 0-1, then a's rows 0-2
        List<TableChunk> chunks = TableChunk.of(List.of(row("b", 0, 5), row("b", 1, 6), row("a", 0, 1), row("a", 1, 2),
                row("a", 2, 3)).iterator(), 2);
        assertEquals(2, chunks.size());
        List<TableChunk> ordered = TableChunk.inOrder(chunks);
        assertEquals("a", ordered.get(0).file());
        assertArrayEquals(new byte[]{1, 2, 3}, ordered.get(0).labels());
        assertArrayEquals(new byte[]{1, (byte) 255, 2, (byte) 255, 3, (byte) 255}, ordered.get(0).pixels());
        assertEquals(3, ordered.get(0).largestLabel());
        assertEquals(6, ordered.get(1).largestLabel());
    }

    @Test
    void aFileSplitAcrossTasksIsJoinedInRowOrder() {
        List<TableChunk> second = TableChunk.of(List.of(row("a", 2, 3), row("a", 3, 4)).iterator(), 2);
        List<TableChunk> first = TableChunk.of(List.of(row("a", 0, 1), row("a", 1, 2)).iterator(), 2);
        List<TableChunk> ordered = TableChunk.inOrder(List.of(second.get(0), first.get(0)));
        assertEquals(0, ordered.get(0).firstRow());
        assertEquals(2, ordered.get(1).firstRow());
    }

    @Test
    void rowsNeverReadAreAnErrorNotASilentGap() {
        List<TableChunk> chunks = TableChunk.of(List.of(row("a", 0, 1), row("a", 2, 2)).iterator(), 2);
        assertEquals(2, chunks.size(), "a jump in row index starts a new chunk");
        assertTrue(assertThrows(IllegalStateException.class, () -> TableChunk.inOrder(List.of(chunks.get(1))))
                .getMessage().contains("rows 0..1"));
    }

    @Test
    void aBadRowIsRefusedWithItsFileAndIndex() {
        String m = assertThrows(BadInputException.class, () -> TableChunk.of(List.of(row("a", 0, 1),
                new TableChunk.Row(300, Vectors.dense(0, 0), "a", 1)).iterator(), 2)).getMessage();
        assertEquals("a: row 1, column label: 300 is outside 0..254 (classes are bytes; 255 commonly means no label)", m);
    }
}
