package dev.sparknet.data;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One validated IDX split written as a Parquet table, on the executors: columns {@code label} (int) and
 * {@code features} (a dense Spark ML vector of pixel / 255, the scaling {@link TableValues} reads back exactly).
 * Each task reads its own range of images from the IDX files and Spark numbers the part files by task, so file-name
 * order then row order is the IDX files' order.
 */
public final class ParquetExport {
    /** Rows per task at most: small enough that many tasks share a large split, large enough to keep files few. */
    static final int ROWS_PER_TASK = 50_000;
    public static final StructType SCHEMA = new StructType()
            .add(TableValues.LABEL, DataTypes.IntegerType, false)
            .add(TableValues.FEATURES, SQLDataTypes.VectorType(), false);

    private ParquetExport() {
    }

    /** Writes {@code split} to the directory {@code table} (which must not exist) in {@code tasks} tasks or more. */
    public static void write(SparkSession spark, MnistSplit split, String table, int tasks) {
        int count = split.count();
        int parts = Math.max(1, Math.max(Math.min(tasks, count), (count + ROWS_PER_TASK - 1) / ROWS_PER_TASK));
        List<int[]> ranges = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            ranges.add(new int[]{(int) ((long) count * p / parts), (int) ((long) count * (p + 1) / parts)});
        }
        SerializableHadoopConf conf = new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration());
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ranges, parts)
                .flatMap(range -> rows(split, range[0], range[1], conf));
        spark.createDataFrame(rows, SCHEMA).write().parquet(table);
    }

    /**
     * Images {@code from..to-1} of the split as rows, made one at a time as Spark writes them (as doubles, a task's
     * rows would be eight times its bytes). The files were validated on the driver.
     */
    static Iterator<Row> rows(MnistSplit split, int from, int to, SerializableHadoopConf conf) {
        MnistArrays arrays = MnistArrays.read(split.imagesPath(), split.labelsPath(), to, conf.get());
        int n = arrays.pixelsPerImage();
        return IntStream.range(from, to).mapToObj(i -> {
            double[] pixels = new double[n];
            for (int p = 0; p < n; p++) {
                pixels[p] = (arrays.pixels()[i * n + p] & 0xff) / 255.0;
            }
            return RowFactory.create(arrays.label(i), Vectors.dense(pixels));
        }).iterator();
    }
}
