package dev.sparknet.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Float minibatch files round-trip, and the one loader tells them from image-byte files by their magic number; both
 * kinds share the header, refused by file name when corrupt or cut short.
 */
class FloatBatchTest {
    @Test
    void writtenAndLoadedAsTheDataSetItHolds() throws IOException {
        FloatBatch batch = new FloatBatch(2, 3, 4, new int[]{3, 1}, new float[]{0.5f, -2f, 1e6f, 0f, 7.25f, -0.125f});
        DataSet data = ByteBatchLoader.readDataSet(new ByteArrayInputStream(batch.toBytes()), "b.bin");
        assertArrayEquals(new float[]{0.5f, -2f, 1e6f}, data.getFeatures().getRow(0).toFloatVector());
        assertArrayEquals(new float[]{0f, 7.25f, -0.125f}, data.getFeatures().getRow(1).toFloatVector());
        assertArrayEquals(new float[]{0, 0, 0, 1}, data.getLabels().getRow(0).toFloatVector());
        assertArrayEquals(new float[]{0, 1, 0, 0}, data.getLabels().getRow(1).toFloatVector());

        ByteBatch images = new ByteBatch(1, 2, 3, new byte[]{2}, new byte[]{0, (byte) 255});
        DataSet pixels = ByteBatchLoader.readDataSet(new ByteArrayInputStream(images.toBytes()), "i.bin");
        assertArrayEquals(new float[]{0f, 1f}, pixels.getFeatures().toFloatVector());
    }

    @Test
    void aFileOfAnotherKindOrACorruptHeaderIsRefusedByName() {
        IOException other = assertThrows(IOException.class,
                () -> ByteBatchLoader.readDataSet(new ByteArrayInputStream(new byte[]{1, 2, 3, 4, 0, 0}), "x.bin"));
        assertTrue(other.getMessage().startsWith("x.bin: not a sparknet minibatch file"), other.getMessage());
        byte[] bytes = new FloatBatch(1, 1, 2, new int[]{0}, new float[]{1f}).toBytes();
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        IOException shorter = assertThrows(IOException.class,
                () -> FloatBatch.readFrom(new ByteArrayInputStream(truncated), "t.bin"));
        assertTrue(shorter.getMessage().startsWith("t.bin: truncated minibatch file"), shorter.getMessage());
        bytes[4] = (byte) 0x80; // rows < 0
        IOException corrupt = assertThrows(IOException.class,
                () -> FloatBatch.readFrom(new ByteArrayInputStream(bytes), "c.bin"));
        assertTrue(corrupt.getMessage().startsWith("c.bin: corrupt minibatch header"), corrupt.getMessage());
        byte[] images = new ByteBatch(1, 2, 3, new byte[]{2}, new byte[]{0, 1}).toBytes();
        images[4] = (byte) 0x80; // the image kind reads the same header: rows < 0
        IOException corruptImages = assertThrows(IOException.class,
                () -> ByteBatchLoader.readDataSet(new ByteArrayInputStream(images), "i.bin"));
        assertTrue(corruptImages.getMessage().startsWith("i.bin: corrupt minibatch header"), corruptImages.getMessage());
        IOException shortImages = assertThrows(IOException.class, () -> ByteBatch.readFrom(new ByteArrayInputStream(
                java.util.Arrays.copyOf(new ByteBatch(1, 2, 3, new byte[]{2}, new byte[]{0, 1}).toBytes(), 18)), "s.bin"));
        assertTrue(shortImages.getMessage().startsWith("s.bin: truncated minibatch file"), shortImages.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FloatBatch(2, 2, 2, new int[]{0}, new float[4]));
        assertEquals(16 + 4 + 4, new FloatBatch(1, 1, 2, new int[]{0}, new float[]{1f}).toBytes().length);
    }
}
