package dev.sparknet.data;

import dev.sparknet.BadInputException;
import org.apache.spark.ml.linalg.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A table row's values to IDX bytes, without Spark: every accepted type, and every refusal naming file, row, column. */
class TableValuesTest {
    private static final TableValues.Place AT = new TableValues.Place("file:/d/train/part-00001.parquet", 7);

    private static byte[] pixels(Object value, int n) {
        byte[] out = new byte[n + 2];
        TableValues.pixels(value, n, out, 2, AT);
        return Arrays.copyOfRange(out, 2, n + 2);
    }

    private static String refusal(Runnable r) {
        String m = assertThrows(BadInputException.class, r::run).getMessage();
        assertTrue(m.startsWith("file:/d/train/part-00001.parquet: row 7, column "), m);
        assertEquals(1, m.lines().count(), m);
        return m;
    }

    private static void assertContains(String text, String... parts) {
        for (String p : parts) {
            assertTrue(text.contains(p), "expected '" + p + "' in: " + text);
        }
    }

    @Test
    void everyScaledPixelComesBackAsItsByte() {
        for (int p = 0; p < 256; p++) {
            assertEquals((byte) p, TableValues.scaled(p / 255.0, 0, AT), "double " + p);
            assertEquals((byte) p, TableValues.scaled(p / 255f, 0, AT), "float " + p);
        }
    }

    @Test
    void vectorsDenseAndSparse() {
        assertArrayEquals(new byte[]{0, 1, (byte) 255}, pixels(Vectors.dense(0, 1 / 255.0, 1), 3));
        assertArrayEquals(new byte[]{0, (byte) 128, 0, 0}, pixels(Vectors.sparse(4, new int[]{1}, new double[]{128 / 255.0}), 4));
    }

    @Test
    void floatDoubleAndByteArraysAndBinary() {
        assertArrayEquals(new byte[]{0, 51, (byte) 255}, pixels(List.of(0f, 51 / 255f, 1f), 3));
        assertArrayEquals(new byte[]{(byte) 200, 3}, pixels(List.of(200 / 255.0, 3 / 255.0), 2));
        // Spark's bytes are signed: -1 is the unsigned pixel 255
        assertArrayEquals(new byte[]{(byte) 255, 0, 127}, pixels(List.of((byte) -1, (byte) 0, (byte) 127), 3));
        assertArrayEquals(new byte[]{9, (byte) 250}, pixels(new byte[]{9, (byte) 250}, 2));
    }

    @Test
    void outOfRangeAndNaNAreRefusedNotClipped() {
        assertContains(refusal(() -> pixels(List.of(0.5, 2.5), 2)), "features", "value 2.5 at index 1", "outside [0, 1]",
                "pixel / 255", "0..255");
        assertContains(refusal(() -> pixels(Vectors.dense(Double.NaN), 1)), "value NaN at index 0", "outside [0, 1]");
        assertContains(refusal(() -> pixels(List.of(-0.1f), 1)), "value -0.1", "outside [0, 1]");
        assertContains(refusal(() -> pixels(Vectors.dense(0, 1.0000001), 2)), "value 1.0000001 at index 1");
    }

    @Test
    void wrongSizeEmptyNullAndWrongTypesAreRefused() {
        assertContains(refusal(() -> pixels(Vectors.dense(0, 0, 0), 784)), "features", "holds 3 values", "784");
        assertContains(refusal(() -> pixels(new byte[0], 0)), "holds no values");
        assertContains(refusal(() -> pixels(null, 2)), "features", "is null");
        List<Double> withNull = new ArrayList<>(Arrays.asList(0.0, null));
        assertContains(refusal(() -> pixels(withNull, 2)), "null at index 1");
        assertContains(refusal(() -> pixels(List.of(1, 2), 2)), "a Integer at index 0", "array<float>");
        assertContains(refusal(() -> pixels("pixels", 6)), "is a String", "Spark ML vector");
    }

    @Test
    void labelsOfEveryIntegerTypeAndWholeDoubles() {
        assertEquals(3, TableValues.label(3, AT));
        assertEquals(254, TableValues.label(254L, AT));
        assertEquals(7, TableValues.label((short) 7, AT));
        assertEquals(0, TableValues.label((byte) 0, AT));
        assertEquals(9, TableValues.label(9.0, AT));
        assertEquals(2, TableValues.label(2f, AT));
    }

    @Test
    void badLabelsAreRefusedWithTheirValue() {
        assertContains(refusal(() -> TableValues.label(300, AT)), "column label: 300 is outside 0..254");
        assertContains(refusal(() -> TableValues.label(-1L, AT)), "column label: -1 is outside 0..254");
        assertContains(refusal(() -> TableValues.label(255, AT)), "255 is outside 0..254");
        assertContains(refusal(() -> TableValues.label(1e300, AT)), "outside 0..254");
        assertContains(refusal(() -> TableValues.label(2.5, AT)), "2.5 is not a whole number");
        assertContains(refusal(() -> TableValues.label(Double.NaN, AT)), "NaN is not a whole number");
        assertContains(refusal(() -> TableValues.label(null, AT)), "column label: is null");
        assertContains(refusal(() -> TableValues.label("3", AT)), "is a String", "whole number");
    }
}
