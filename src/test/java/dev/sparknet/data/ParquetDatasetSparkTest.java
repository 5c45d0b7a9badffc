package dev.sparknet.data;

import dev.sparknet.BadInputException;
import dev.sparknet.SparkTestContext;
import dev.sparknet.spark.SparkContexts;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * IDX to Parquet and back on Spark local mode: byte for byte and in order, whatever order Spark reads the files in;
 * and every kind of bad table (written here with Spark SQL) refused with one line naming the table and column.
 */
@ExtendWith(SparkTestContext.class)
class ParquetDatasetSparkTest {
    private static final StructType VECTOR_ROWS = new StructType().add("label", DataTypes.IntegerType)
            .add("features", SQLDataTypes.VectorType());

    @TempDir
    Path tmp;
    private SparkSession spark;
    private final Configuration conf = new Configuration();

    @BeforeEach
    void session(JavaSparkContext sc) {
        spark = SparkContexts.session(sc);
    }

    @Test
    void idxToParquetAndBackIsByteIdenticalAndInOrder() throws Exception {
        Path idx = Files.createDirectory(tmp.resolve("idx"));
        IdxTestFiles.writeDataset(idx, 37, 11, 4, 4, true);
        MnistDataset source = MnistFiles.locateAndValidate(idx.toString(), conf);
        Path pq = tmp.resolve("pq");
        ParquetExport.write(spark, source.train(), pq.resolve("train").toString(), 3);
        ParquetExport.write(spark, source.test(), pq.resolve("test").toString(), 2);
        assertEquals(3, partFiles(pq.resolve("train")), "one file per task");
        assertEquals("struct<label:int,features:vector>", spark.read().parquet(pq.resolve("train").toString()).schema()
                .simpleString());

        MnistDataset back = ParquetDataset.toIdx(spark, pq.toString(), tmp.resolve("back").toString(), conf);

        for (String split : List.of("train", "test")) {
            MnistSplit a = split.equals("train") ? source.train() : source.test();
            MnistSplit b = split.equals("train") ? back.train() : back.test();
            MnistArrays x = MnistArrays.read(a, conf);
            MnistArrays y = MnistArrays.read(b, conf);
            assertArrayEquals(x.labels(), y.labels(), split + " labels");
            assertArrayEquals(x.pixels(), y.pixels(), split + " pixels");
            assertEquals(4, b.rows());
            assertEquals(4, b.cols());
            assertTrue(b.table().endsWith("/pq/" + split), b.table());
        }
        assertEquals(10, back.numClasses());
    }

    /** Spark reads the larger file first; the rows still come back in file-name, then row order. */
    @Test
    void rowsComeBackInFileOrderThoughSparkReadsTheLargeFileFirst(JavaSparkContext sc) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 43; i++) {
            rows.add(RowFactory.create(i % 7, Vectors.dense(i / 255.0, (255 - i) / 255.0, 0, 1)));
        }
        // one task per group: part-00000 holds rows 0-2, part-00001 rows 3-42
        List<List<Row>> groups = List.of(new ArrayList<>(rows.subList(0, 3)), new ArrayList<>(rows.subList(3, 43)));
        Path pq = tmp.resolve("ordered");
        spark.createDataFrame(sc.parallelize(groups, 2).flatMap(List::iterator), VECTOR_ROWS)
                .write().parquet(pq.resolve("train").toString());
        table(pq, "test", VECTOR_ROWS, rows.subList(0, 5));
        assertEquals(2, partFiles(pq.resolve("train")));
        assertTrue(spark.read().parquet(pq.resolve("train").toString()).select("_metadata.file_path").first().getString(0)
                .contains("part-00001"), "the premise: Spark reads the larger, second file first");

        MnistDataset back = ParquetDataset.toIdx(spark, pq.toString(), tmp.resolve("back").toString(), conf);

        MnistArrays train = MnistArrays.read(back.train(), conf);
        for (int i = 0; i < 43; i++) {
            assertEquals(i % 7, train.label(i), "label of row " + i);
            assertEquals(i, train.pixels()[i * 4] & 0xff, "first pixel of row " + i);
        }
        assertEquals(2, back.train().rows(), "4 pixels are a 2x2 image");
        assertEquals(7, back.numClasses());
    }

    @Test
    void missingFeaturesColumn() {
        Path pq = tmp.resolve("nofeatures");
        StructType labelOnly = new StructType().add("label", DataTypes.IntegerType);
        table(pq, "train", labelOnly, List.of(RowFactory.create(1)));
        table(pq, "test", labelOnly, List.of(RowFactory.create(1)));
        String m = refusal(pq);
        assertContains(m, "nofeatures/train: no column features (columns: label int)");
    }

    @Test
    void labelAsString() {
        Path pq = tmp.resolve("stringlabel");
        StructType schema = new StructType().add("label", DataTypes.StringType).add("features", SQLDataTypes.VectorType());
        table(pq, "train", schema, List.of(RowFactory.create("3", Vectors.dense(0.5))));
        table(pq, "test", VECTOR_ROWS, List.of(RowFactory.create(1, Vectors.dense(0.5))));
        assertContains(refusal(pq), "stringlabel/train: column label is string; expected an integer type");
    }

    @Test
    void vectorsOfTwoSizes() {
        Path pq = tmp.resolve("twosizes");
        table(pq, "train", VECTOR_ROWS, List.of(RowFactory.create(1, Vectors.dense(0, 1, 0.5)),
                RowFactory.create(2, Vectors.dense(0, 1))));
        table(pq, "test", VECTOR_ROWS, List.of(RowFactory.create(1, Vectors.dense(0, 1, 0.5))));
        assertContains(refusal(pq), "twosizes/train/part-", "column features: holds ", " values where");
    }

    @Test
    void labelsOutsideZeroTo254() {
        for (int label : new int[]{300, -1}) {
            Path pq = tmp.resolve("label" + label);
            table(pq, "train", VECTOR_ROWS, List.of(RowFactory.create(1, Vectors.dense(0.5)),
                    RowFactory.create(label, Vectors.dense(0.5))));
            table(pq, "test", VECTOR_ROWS, List.of(RowFactory.create(1, Vectors.dense(0.5))));
            assertContains(refusal(pq), "/train/part-", ": row 1, column label: " + label + " is outside 0..254");
        }
    }

    @Test
    void featureOutsideZeroToOne() {
        Path pq = tmp.resolve("bright");
        table(pq, "train", VECTOR_ROWS, List.of(RowFactory.create(1, Vectors.dense(0.5, 0))));
        table(pq, "test", VECTOR_ROWS, List.of(RowFactory.create(1, Vectors.dense(0.5, 2.5))));
        assertContains(refusal(pq), "bright/test/part-", "row 0, column features: value 2.5 at index 1 is outside [0, 1]");
    }

    @Test
    void missingTestTableAndEmptyTable() {
        Path pq = tmp.resolve("notest");
        table(pq, "train", VECTOR_ROWS, List.of(RowFactory.create(1, Vectors.dense(0.5))));
        assertContains(refusal(pq), "--data " + pq + ": no test/ directory");

        table(pq, "test", VECTOR_ROWS, List.of());
        assertContains(refusal(pq), "notest/test: the table has no rows");
    }

    @Test
    void aTruncatedFileIsBadInputNamingIt() throws Exception {
        Path pq = tmp.resolve("truncated");
        table(pq, "train", VECTOR_ROWS, List.of(RowFactory.create(1, Vectors.dense(0.5, 0))));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(RowFactory.create(i % 2, Vectors.dense(i / 255.0, 0)));
        }
        spark.createDataFrame(rows, VECTOR_ROWS).repartition(2).write().parquet(pq.resolve("test").toString());
        Path second;
        try (Stream<Path> s = Files.list(pq.resolve("test"))) {
            second = s.filter(p -> p.getFileName().toString().startsWith("part-00001")).findFirst().orElseThrow();
        }
        byte[] whole = Files.readAllBytes(second);
        Files.write(second, java.util.Arrays.copyOf(whole, whole.length / 2));
        // without its checksum file (if the cached local file system writes them: StagedOutput turns that off), so
        // that Parquet's reader, not Hadoop's checksum, finds the damage
        Files.deleteIfExists(second.resolveSibling("." + second.getFileName() + ".crc"));
        assertContains(refusal(pq), "cannot read the Parquet data", second.getFileName().toString());
    }

    @Test
    void testLabelBeyondTheTrainingClasses() {
        Path pq = tmp.resolve("k");
        table(pq, "train", VECTOR_ROWS, List.of(RowFactory.create(3, Vectors.dense(0.5))));
        table(pq, "test", VECTOR_ROWS, List.of(RowFactory.create(5, Vectors.dense(0.5))));
        assertContains(refusal(pq), "k/test: label 5 is outside the training labels' 0..3");
    }

    @Test
    void arraysAndBinaryColumnsAreReadWithTheirPixelConvention() {
        Path pq = tmp.resolve("arrays");
        StructType floats = new StructType().add("label", DataTypes.LongType)
                .add("features", DataTypes.createArrayType(DataTypes.FloatType));
        StructType binary = new StructType().add("label", DataTypes.DoubleType).add("features", DataTypes.BinaryType);
        table(pq, "train", floats, List.of(RowFactory.create(2L, new float[]{0f, 1f, 128 / 255f})));
        table(pq, "test", binary, List.of(RowFactory.create(1.0, new byte[]{0, (byte) 255, (byte) 128})));
        MnistDataset back = ParquetDataset.toIdx(spark, pq.toString(), tmp.resolve("back").toString(), conf);
        assertArrayEquals(new byte[]{0, (byte) 255, (byte) 128}, MnistArrays.read(back.train(), conf).pixels());
        assertArrayEquals(new byte[]{0, (byte) 255, (byte) 128}, MnistArrays.read(back.test(), conf).pixels());
        assertEquals(1, back.train().rows(), "3 pixels: one row of 3");
        assertEquals(3, back.numClasses());
    }

    private String refusal(Path pq) {
        try {
            ParquetDataset.requireTables(pq.toString(), conf);
            ParquetDataset.toIdx(spark, pq.toString(), tmp.resolve("idx-" + pq.getFileName()).toString(), conf);
        } catch (Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BadInputException bad) {
                    assertEquals(1, bad.getMessage().lines().count(), bad.getMessage());
                    return bad.getMessage();
                }
            }
            throw new AssertionError("not bad input: " + e, e);
        }
        return fail("accepted " + pq);
    }

    private void table(Path dataset, String split, StructType schema, List<Row> rows) {
        spark.createDataFrame(rows, schema).coalesce(1).write().mode("overwrite").parquet(dataset.resolve(split).toString());
    }

    private static long partFiles(Path table) {
        try (Stream<Path> s = Files.list(table)) {
            return s.filter(p -> p.getFileName().toString().startsWith("part-")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertContains(String text, String... parts) {
        for (String p : parts) {
            assertTrue(text.contains(p), "expected '" + p + "' in: " + text);
        }
    }
}
