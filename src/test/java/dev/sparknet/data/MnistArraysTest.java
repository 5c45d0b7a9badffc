package dev.sparknet.data;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class MnistArraysTest {
    // Three 2-pixel images: [0, 255], [51, 102], [255, 0]; labels 3, 0, 9.
    private final MnistArrays arrays = new MnistArrays(3, 2,
            new byte[]{0, (byte) 255, 51, 102, (byte) 255, 0}, new byte[]{3, 0, 9});

    @Test
    void featuresScalePixelsToUnitInterval() {
        float[] f = ByteBatch.of(arrays, new int[]{0, 1, 2}, 0, 3, 10).scaledFeatures();
        assertArrayEquals(new float[]{0f, 1f, 0.2f, 0.4f, 1f, 0f}, f, 1e-6f);
        assertEquals(0f, f[0]);
        assertEquals(1.0f, f[1]);
    }

    @Test
    void featuresFollowTheGivenOrderAndRange() {
        float[] f = ByteBatch.of(arrays, new int[]{2, 0, 1}, 1, 3, 10).scaledFeatures();
        assertArrayEquals(new float[]{0f, 1f, 0.2f, 0.4f}, f, 1e-6f);
    }

    @Test
    void oneHotLabels() {
        float[] y = ByteBatch.of(arrays, new int[]{1, 2, 0}, 0, 3, 10).oneHotLabels();
        float[] expected = new float[30];
        expected[0] = 1f;        // example 1: label 0
        expected[10 + 9] = 1f;   // example 2: label 9
        expected[20 + 3] = 1f;   // example 0: label 3
        assertArrayEquals(expected, y);
        assertEquals(9, arrays.label(2));
    }

    @Test
    void byteBatchSurvivesItsFileFormat() throws Exception {
        ByteBatch batch = ByteBatch.of(arrays, new int[]{2, 0, 1}, 0, 3, 10);
        ByteBatch back = ByteBatch.readFrom(new java.io.ByteArrayInputStream(batch.toBytes()), "mem");
        assertEquals(3, back.rows());
        assertEquals(2, back.features());
        assertArrayEquals(batch.pixels(), back.pixels());
        assertArrayEquals(batch.labels(), back.labels());
        assertArrayEquals(batch.scaledFeatures(), back.scaledFeatures());
    }

    @Test
    void byteBatchRejectsOtherFiles() {
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> ByteBatch.readFrom(new java.io.ByteArrayInputStream(new byte[]{1, 2, 3, 4, 5, 6, 7, 8}), "x.bin"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("x.bin"), e.getMessage());
    }

    @Test
    void labelIsUnsigned() {
        MnistArrays a = new MnistArrays(1, 1, new byte[]{0}, new byte[]{(byte) 200});
        assertEquals(200, a.label(0));
    }

    @Test
    void readsFilesWithALimit(@TempDir Path dir) {
        Path images = IdxTestFiles.write(dir, "images.gz", IdxTestFiles.gzip(IdxTestFiles.images(5, 2, 3)));
        Path labels = IdxTestFiles.write(dir, "labels", IdxTestFiles.labels(4, 3, 2, 1, 0));
        MnistArrays a = MnistArrays.read(images.toString(), labels.toString(), 3, new Configuration());
        assertEquals(3, a.count());
        assertEquals(6, a.pixelsPerImage());
        assertArrayEquals(new byte[]{4, 3, 2}, a.labels());
        assertEquals(18, a.pixels().length);
        for (int i = 0; i < 18; i++) {
            assertEquals(IdxTestFiles.pixel(i / 6, i % 6), a.pixels()[i] & 0xff);
        }
        MnistArrays all = MnistArrays.read(images.toString(), labels.toString(), 100, new Configuration());
        assertEquals(5, all.count());
    }

    @Test
    void shuffledIsAPermutation() {
        int[] order = ExampleOrder.shuffled(1000, 7);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        assertArrayEquals(ExampleOrder.identity(1000), sorted);
        assertFalse(Arrays.equals(ExampleOrder.identity(1000), order), "a shuffle of 1000 should move something");
    }

    @Test
    void shuffledIsDeterministicPerSeed() {
        assertArrayEquals(ExampleOrder.shuffled(500, 42), ExampleOrder.shuffled(500, 42));
        assertFalse(Arrays.equals(ExampleOrder.shuffled(500, 42), ExampleOrder.shuffled(500, 43)));
    }

    @Test
    void shuffledEdgeSizes() {
        assertArrayEquals(new int[0], ExampleOrder.shuffled(0, 1));
        assertArrayEquals(new int[]{0}, ExampleOrder.shuffled(1, 1));
    }

    @Test
    void numBatches() {
        assertEquals(0, ExampleOrder.numBatches(0, 128));
        assertEquals(1, ExampleOrder.numBatches(1, 128));
        assertEquals(1, ExampleOrder.numBatches(128, 128));
        assertEquals(2, ExampleOrder.numBatches(129, 128));
        assertEquals(469, ExampleOrder.numBatches(60000, 128));
        assertEquals(20, ExampleOrder.numBatches(10000, 500));
    }
}
