package dev.sparknet.data;

import dev.sparknet.BadInputException;
import org.apache.spark.TaskKilledException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;

/**
 * One split of a Parquet dataset (a directory of Parquet files as Spark writes them) read with Spark SQL: its
 * schema checked on the driver (a missing or mistyped column is one line naming the table and column before any
 * row is read), then every row validated and turned into IDX bytes on the executors ({@link TableChunk}), and the
 * chunks put back in row order: file-name order, then each file's own row order, the order Spark wrote them in.
 */
public final class ParquetTable {
    private static final Set<DataType> LABEL_TYPES = Set.of(DataTypes.IntegerType, DataTypes.LongType,
            DataTypes.ShortType, DataTypes.ByteType, DataTypes.DoubleType, DataTypes.FloatType);
    private static final Set<DataType> ELEMENT_TYPES = Set.of(DataTypes.FloatType, DataTypes.DoubleType, DataTypes.ByteType);
    /** Spark's hidden per-file columns: which file a row came from and its index there (Parquet, Spark 3.5+). */
    private static final String FILE_PATH = "_metadata.file_path";
    private static final String ROW_INDEX = "_metadata.row_index";

    private final String path;
    private final Dataset<Row> rows;

    private ParquetTable(String path, Dataset<Row> rows) {
        this.path = path;
        this.rows = rows;
    }

    /** The table at {@code path}, its schema checked; no row is read yet. */
    public static ParquetTable open(SparkSession spark, String path) {
        Dataset<Row> df;
        try {
            df = spark.read().parquet(path);
        } catch (Exception e) { // Spark's AnalysisException ("Unable to infer schema") and unreadable footers
            throw new BadInputException(path + ": cannot read as a Parquet table (" + firstLine(e) + ")", e);
        }
        StructType schema = df.schema();
        requireType(path, field(path, schema, TableValues.LABEL), LABEL_TYPES.contains(field(path, schema,
                TableValues.LABEL).dataType()), "an integer type (int, long, short, byte), or a double holding a"
                + " whole number: the class 0.." + MnistFiles.MAX_LABEL);
        DataType features = field(path, schema, TableValues.FEATURES).dataType();
        requireType(path, field(path, schema, TableValues.FEATURES), SQLDataTypes.VectorType().equals(features)
                || DataTypes.BinaryType.equals(features)
                || features instanceof ArrayType a && ELEMENT_TYPES.contains(a.elementType()), TableValues.FEATURES_EXPECTED);
        return new ParquetTable(path, df.select(col(TableValues.LABEL), col(TableValues.FEATURES), col(FILE_PATH),
                col(ROW_INDEX)));
    }

    public String path() {
        return path;
    }

    /** Pixels per image: the size of the first row Spark reads; fails naming the table when it has no rows. */
    public int pixelsPerImage() {
        // take, not limit(1): a limit reads the files in a stage of its own, outside PlainRows' care
        List<Integer> first = rows.javaRDD().mapPartitions(ParquetTable::firstSize).take(1);
        if (first.isEmpty()) {
            throw new BadInputException(path + ": the table has no rows");
        }
        return first.get(0);
    }

    /** Every row validated and converted on the executors; the chunks in row order. */
    public List<TableChunk> read(int pixelsPerImage) {
        return TableChunk.inOrder(rows.javaRDD().mapPartitions(converter(pixelsPerImage)).collect());
    }

    /** Static, so the task closure holds the pixel count only, not this table and its Dataset. */
    private static FlatMapFunction<Iterator<Row>, TableChunk> converter(int pixelsPerImage) {
        return rows -> TableChunk.of(new PlainRows(rows), pixelsPerImage).iterator();
    }

    private static Iterator<Integer> firstSize(Iterator<Row> rows) {
        PlainRows plain = new PlainRows(rows);
        if (!plain.hasNext()) {
            return List.<Integer>of().iterator();
        }
        TableChunk.Row row = plain.next();
        return List.of(TableValues.size(row.features(), new TableValues.Place(row.file(), row.rowIndex()))).iterator();
    }

    /**
     * The rows of a task as plain values. A file Spark cannot decode (truncated, not Parquet, a page that does not
     * parse) fails here, inside the task, as bad input: one line, no retries, no stack trace on the console.
     */
    private record PlainRows(Iterator<Row> rows) implements Iterator<TableChunk.Row> {
        @Override
        public boolean hasNext() {
            try {
                return rows.hasNext();
            } catch (Exception e) { // SparkException arrives undeclared from Scala
                throw unreadable(e);
            }
        }

        @Override
        public TableChunk.Row next() {
            Row row;
            try {
                row = rows.next();
            } catch (Exception e) {
                throw unreadable(e);
            }
            return tableRow(row);
        }
    }

    /** The reader's failure in one line: its own first line (which names the file) and the root cause's. */
    static RuntimeException unreadable(Exception e) {
        if (e instanceof TaskKilledException killed) {
            return killed; // cancelled, not unreadable
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = firstLine(e);
        String cause = firstLine(root);
        return new BadInputException("cannot read the Parquet data: " + top + (root == e || top.contains(cause) ? ""
                : " (" + cause + ")"), e);
    }

    /** A Spark row as plain Java values: arrays as java.util.List, vectors and byte[] as they are. */
    static TableChunk.Row tableRow(Row r) {
        Object features = r.isNullAt(1) ? null : r.get(1) instanceof scala.collection.Seq ? r.getList(1) : r.get(1);
        return new TableChunk.Row(r.isNullAt(0) ? null : r.get(0), features, r.getString(2), r.getLong(3));
    }

    private static StructField field(String path, StructType schema, String name) {
        return Arrays.stream(schema.fields()).filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new BadInputException(path + ": no column " + name + " (columns: "
                        + Arrays.stream(schema.fields()).map(f -> f.name() + " " + f.dataType().simpleString())
                        .collect(Collectors.joining(", ")) + "); expected label and features"));
    }

    private static void requireType(String path, StructField field, boolean ok, String expected) {
        if (!ok) {
            throw new BadInputException(path + ": column " + field.name() + " is "
                    + BadInputException.printable(field.dataType().simpleString(), 80) + "; expected " + expected);
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        return BadInputException.printable(m.lines().findFirst().orElse(m), 200);
    }
}
