package dev.sparknet.data;

import dev.sparknet.BadInputException;
import org.apache.spark.ml.linalg.Vector;

import java.util.List;

/**
 * One row of a Parquet table turned into the bytes an IDX file holds, and refused with its place when it cannot
 * be: plain Java over the values Spark SQL hands out ({@code Integer}/{@code Long}/.../{@code Double} labels; a Spark
 * ML {@link Vector}, a {@code List} of Float, Double or Byte, or a {@code byte[]} of features), so every rule is
 * testable without a SparkContext. Pixel convention: bytes (array&lt;byte&gt;, binary) are unsigned pixels 0..255;
 * floats, doubles and vectors are pixels scaled to [0, 1] (as {@link PixelScaling} feeds them to the network) and
 * become round(v * 255), so a table written by the convert job reads back byte for byte.
 */
public final class TableValues {
    public static final String LABEL = "label";
    public static final String FEATURES = "features";
    /** What a features value may be, for messages. */
    public static final String FEATURES_EXPECTED = "a Spark ML vector, array<float> or array<double> of pixels scaled"
            + " to [0, 1] (pixel / 255), or array<byte> or binary of pixels 0..255";

    /** Where a value sits, for the one line that refuses it: the Parquet file and the row's index in that file. */
    public record Place(String file, long row) {
        BadInputException bad(String column, String problem) {
            return new BadInputException(file + ": row " + row + ", column " + column + ": " + problem);
        }
    }

    private TableValues() {
    }

    /** The label as a class 0..{@link MnistFiles#MAX_LABEL}: any integer type, or a double holding a whole number. */
    public static int label(Object value, Place place) {
        if (value == null) {
            throw place.bad(LABEL, "is null; expected a class 0.." + MnistFiles.MAX_LABEL);
        }
        long label;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            label = ((Number) value).longValue();
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            // Spark ML keeps labels as doubles; 3.0 is class 3, 2.5 is no class at all
            if (!(d == Math.rint(d)) || Double.isInfinite(d)) {
                throw place.bad(LABEL, value + " is not a whole number; expected a class 0.." + MnistFiles.MAX_LABEL);
            }
            label = (long) d; // saturates beyond the long range, which the range check below refuses
        } else {
            throw place.bad(LABEL, "is a " + value.getClass().getSimpleName() + "; expected a whole number");
        }
        if (label < 0 || label > MnistFiles.MAX_LABEL) {
            throw place.bad(LABEL, printable(value) + " is outside 0.." + MnistFiles.MAX_LABEL
                    + " (classes are bytes; 255 commonly means no label)");
        }
        return (int) label;
    }

    /** How many values a features value holds (the image's pixels); it must be at least one. */
    public static int size(Object value, Place place) {
        int size;
        if (value == null) {
            throw place.bad(FEATURES, "is null; expected " + FEATURES_EXPECTED);
        } else if (value instanceof Vector v) {
            size = v.size();
        } else if (value instanceof byte[] b) {
            size = b.length;
        } else if (value instanceof List<?> l) {
            size = l.size();
        } else {
            throw place.bad(FEATURES, "is a " + value.getClass().getSimpleName() + "; expected " + FEATURES_EXPECTED);
        }
        if (size == 0) {
            throw place.bad(FEATURES, "holds no values; expected one per pixel");
        }
        return size;
    }

    /** Writes the row's {@code expected} pixels into {@code out[offset..]} as unsigned bytes. */
    public static void pixels(Object value, int expected, byte[] out, int offset, Place place) {
        int size = size(value, place);
        if (size != expected) {
            throw place.bad(FEATURES, "holds " + size + " values where the first training row holds " + expected
                    + " (every image needs the same number of pixels)");
        }
        if (value instanceof byte[] bytes) {
            System.arraycopy(bytes, 0, out, offset, size);
        } else if (value instanceof Vector v) {
            for (int i = 0; i < size; i++) {
                out[offset + i] = scaled(v.apply(i), i, place);
            }
        } else {
            List<?> list = (List<?>) value;
            for (int i = 0; i < size; i++) {
                out[offset + i] = element(list.get(i), i, place);
            }
        }
    }

    private static byte element(Object e, int index, Place place) {
        if (e instanceof Byte b) {
            return b; // Spark's byte is signed: -1 is pixel 255, the same bits
        }
        if (e instanceof Double || e instanceof Float) {
            return scaled(((Number) e).doubleValue(), index, place);
        }
        throw place.bad(FEATURES, (e == null ? "null" : "a " + e.getClass().getSimpleName()) + " at index " + index
                + "; expected " + FEATURES_EXPECTED);
    }

    /** A pixel scaled to [0, 1] back to its byte; anything else (NaN, 2.5, -0.1) is refused, not clipped. */
    static byte scaled(double v, int index, Place place) {
        if (!(v >= 0 && v <= 1)) {
            throw place.bad(FEATURES, "value " + v + " at index " + index + " is outside [0, 1]; vector, float and"
                    + " double pixels are scaled to [0, 1] (pixel / 255), byte pixels are 0..255");
        }
        return (byte) Math.round(v * PixelScaling.MAX_PIXEL);
    }

    private static String printable(Object value) {
        return BadInputException.printable(String.valueOf(value), 40);
    }
}
