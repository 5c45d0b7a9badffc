package dev.sparknet.ml;

import dev.sparknet.RealMnist;
import dev.sparknet.data.MnistArrays;
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

/** Real MNIST as the DataFrames a Spark user has: {@code label} (double) and {@code features} (raw pixels 0..255). */
final class MnistFrames {
    static final StructType SCHEMA = new StructType()
            .add("label", DataTypes.DoubleType, false)
            .add("features", SQLDataTypes.VectorType(), false);

    private MnistFrames() {
    }

    static Dataset<Row> train(SparkSession spark, int limit) {
        return frame(spark, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", limit);
    }

    static Dataset<Row> test(SparkSession spark, int limit) {
        return frame(spark, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", limit);
    }

    private static Dataset<Row> frame(SparkSession spark, String images, String labels, int limit) {
        String dir = RealMnist.required().toString();
        MnistArrays arrays = MnistArrays.read(dir + "/" + images, dir + "/" + labels, limit, new Configuration());
        int f = arrays.pixelsPerImage();
        List<Row> rows = new ArrayList<>(arrays.count());
        for (int i = 0; i < arrays.count(); i++) {
            double[] pixels = new double[f];
            for (int p = 0; p < f; p++) {
                pixels[p] = arrays.pixels()[i * f + p] & 0xff;
            }
            rows.add(RowFactory.create((double) (arrays.labels()[i] & 0xff), Vectors.dense(pixels).compressed()));
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(4);
    }
}
