package dev.sparknet.mlbench;

import dev.sparknet.data.MnistArrays;
import dev.sparknet.data.MnistSplit;
import dev.sparknet.data.PixelScaling;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * An MNIST split as the DataFrame a Spark ML user trains on: {@code label} (double) and {@code features} (a Vector
 * of the pixels in [0, 1], scaled as every other path of this project scales them: {@link PixelScaling}). Cached
 * and counted before anything is timed, so no classifier pays for reading the files.
 */
final class ScaledMnistFrame {
    static final StructType SCHEMA = new StructType()
            .add("label", DataTypes.DoubleType, false)
            .add("features", SQLDataTypes.VectorType(), false);

    private ScaledMnistFrame() {
    }

    /** The first {@code limit} rows (0 = all) of {@code split}, in {@code partitions} partitions. */
    static Dataset<Row> of(SparkSession spark, MnistSplit split, int limit, int partitions, Configuration hadoop) {
        MnistArrays arrays = MnistArrays.read(split.imagesPath(), split.labelsPath(),
                limit > 0 ? Math.min(limit, split.count()) : split.count(), hadoop);
        int f = arrays.pixelsPerImage();
        List<Row> rows = new ArrayList<>(arrays.count());
        for (int i = 0; i < arrays.count(); i++) {
            double[] pixels = new double[f];
            for (int p = 0; p < f; p++) {
                pixels[p] = PixelScaling.scale(arrays.pixels()[i * f + p]);
            }
            // sparse where that is smaller: most MNIST pixels are 0, and the cache then holds a third as much
            rows.add(RowFactory.create((double) arrays.label(i), Vectors.dense(pixels).compressed()));
        }
        Dataset<Row> frame = spark.createDataFrame(rows, SCHEMA).repartition(partitions).cache();
        frame.count();
        return frame;
    }
}
