package dev.sparknet.data;

import dev.sparknet.BadInputException;

import java.io.Serializable;

/**
 * One labelled example of a table (a DataFrame row for the Spark ML estimator): its row number, a class
 * 0..K-1 and its features as float32, the network's input type. {@link #of} is where a row is checked:
 * a table is untrusted input like any file. A class, not a record: Spark's Kryo cannot build records.
 */
public final class FeatureRow implements Serializable {
    private final long index;
    private final int label;
    private final float[] features;

    public FeatureRow(long index, int label, float[] features) {
        this.index = index;
        this.label = label;
        this.features = features;
    }

    public long index() {
        return index;
    }

    public int label() {
        return label;
    }

    public float[] features() {
        return features;
    }

    /**
     * @param label      the label column's value (Spark ML labels are doubles holding a class number)
     * @param values     the features column's values, or null when the cell is null
     * @param source     names the table and columns in messages, e.g. "column features/label of the training DataFrame"
     */
    public static FeatureRow of(long index, Double label, double[] values, int numFeatures, int numClasses,
                                String source) {
        if (label == null || values == null) {
            throw new BadInputException(source + ": row " + index + " has a null " + (label == null ? "label" : "features")
                    + " value");
        }
        double l = label;
        if (!(l >= 0 && l < numClasses && l == Math.rint(l))) {
            throw new BadInputException(source + ": row " + index + " has label " + label + "; expected a class number 0.."
                    + (numClasses - 1) + " (the last of `layers` is the number of classes, " + numClasses + ")");
        }
        if (values.length != numFeatures) {
            throw new BadInputException(source + ": row " + index + " has " + values.length + " features; expected "
                    + numFeatures + " (the first of `layers`)");
        }
        float[] features = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            float f = (float) values[i];
            if (!Float.isFinite(f)) {
                throw new BadInputException(source + ": row " + index + " has feature " + i + " = " + values[i]
                        + "; expected finite numbers");
            }
            features[i] = f;
        }
        return new FeatureRow(index, (int) l, features);
    }
}
