package dev.sparknet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparknet.JobsCloseTheirContext;
import dev.sparknet.SparkTestContext;
import dev.sparknet.data.QuadrantDigits;
import dev.sparknet.spark.SparkContexts;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line on Parquet tables, each run starting and stopping its own Spark: `convert` publishes train/ and
 * test/; `mnist --data` on them trains exactly as on the IDX files they came from and names the tables in its
 * provenance; bad tables end in exit 2 with one line naming the table and column, and nothing at --output.
 */
@ExtendWith(JobsCloseTheirContext.class)
@Tag("slow")
class ParquetCliSparkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SMALL_RUN = {"--master", "local[2]", "--epochs", "2", "--hidden", "16", "--batch", "32",
            "--learning-rate", "0.01", "--averaging-frequency", "2", "--workers", "2"};

    @TempDir
    Path tmp;

    @Test
    void convertThenMnistOnTheTablesTrainsAsOnTheIdxFiles() throws IOException {
        Path idx = Files.createDirectory(tmp.resolve("idx"));
        QuadrantDigits.write(idx, 300, 60, 3, 11);
        Path pq = tmp.resolve("pq");

        CliRun convert = CliRun.of("convert", "--data", idx.toString(), "--output", pq.toString(), "--master", "local[2]");

        assertEquals(Main.OK, convert.code(), convert.err());
        assertTrue(Files.exists(pq.resolve("train/_SUCCESS")) && Files.exists(pq.resolve("test/_SUCCESS")));
        assertEquals(List.of("idx", "pq"), entries(tmp), "no staging directory left beside the output");

        JsonNode fromTables = mnist(pq, tmp.resolve("run-pq"));
        JsonNode fromIdx = mnist(idx, tmp.resolve("run-idx"));

        assertTrue(fromTables.at("/provenance/data/train/table").asText().endsWith("/pq/train"), fromTables.at("/provenance/data").toString());
        assertTrue(fromTables.at("/provenance/data/test/table").asText().endsWith("/pq/test"));
        assertTrue(fromIdx.at("/provenance/data/train/table").isMissingNode(), "IDX runs record no table");
        assertEquals(3, fromTables.at("/test/confusion_matrix").size(), "K = 3 from the table's labels");
        assertTrue(fromTables.at("/test_accuracy").asDouble() > 0.9, fromTables.at("/test_accuracy").toString());
        // lossless and in order: the same images in the same order give the same seeded run
        for (String figure : List.of("train_loss", "validation_accuracy", "test_accuracy")) {
            assertEquals(fromIdx.at("/epochs").findValuesAsText(figure), fromTables.at("/epochs").findValuesAsText(figure), figure);
        }

        // evaluate scores the model on the test table: the run's own test figure, the table named
        Path evaluated = tmp.resolve("eval-pq");
        CliRun evaluate = CliRun.of("evaluate", "--model", tmp.resolve("run-pq/model.zip").toString(), "--data",
                pq.toString(), "--output", evaluated.toString(), "--master", "local[2]", "--workers", "2");
        assertEquals(Main.OK, evaluate.code(), evaluate.err());
        JsonNode scored = JSON.readTree(evaluated.resolve("metrics.json").toFile());
        assertEquals(fromTables.at("/test_accuracy").asDouble(), scored.at("/test_accuracy").asDouble(), 1e-12);
        assertTrue(scored.at("/provenance/data/test/table").asText().endsWith("/pq/test"), scored.at("/provenance/data").toString());
    }

    @Test
    void badTablesExitTwoWithOneLineAndPublishNothing() throws IOException {
        StructType vectors = new StructType().add("label", DataTypes.IntegerType).add("features", SQLDataTypes.VectorType());
        StructType labelOnly = new StructType().add("label", DataTypes.IntegerType);
        List<Row> good = List.of(RowFactory.create(0, Vectors.dense(0, 0.5, 1, 0)), RowFactory.create(1, Vectors.dense(1, 0, 0, 1)));
        try (JavaSparkContext sc = new JavaSparkContext(SparkTestContext.conf("tables"))) {
            SparkSession spark = SparkContexts.session(sc);
            write(spark, tmp.resolve("label300/train"), vectors, List.of(good.get(0), RowFactory.create(300, Vectors.dense(0, 0, 0, 0))));
            write(spark, tmp.resolve("label300/test"), vectors, good);
            write(spark, tmp.resolve("nofeatures/train"), labelOnly, List.of(RowFactory.create(1)));
            write(spark, tmp.resolve("nofeatures/test"), vectors, good);
            write(spark, tmp.resolve("notest/train"), vectors, good);
        }

        assertOneLine(tmp.resolve("label300"), "label300/train/part-", "row 1, column label: 300 is outside 0..254");
        assertOneLine(tmp.resolve("nofeatures"), "nofeatures/train: no column features");
        CliRun noTest = assertOneLine(tmp.resolve("notest"), "--data " + tmp.resolve("notest") + ": no test/ directory");
        assertTrue(noTest.seconds() < 10, "refused before Spark starts: " + noTest.seconds() + " s");
    }

    private CliRun assertOneLine(Path data, String... parts) throws IOException {
        Path out = tmp.resolve("out-" + data.getFileName());
        String[] args = Stream.concat(Stream.of("mnist", "--data", data.toString(), "--output", out.toString()),
                Stream.of(SMALL_RUN)).toArray(String[]::new);
        CliRun r = CliRun.of(args);
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("sparknet ")).toList();
        assertEquals(1, lines.size(), r.err());
        for (String part : parts) {
            assertTrue(lines.get(0).startsWith("sparknet mnist: error: ") && lines.get(0).contains(part),
                    "expected '" + part + "' in: " + lines.get(0));
        }
        assertTrue(entries(tmp).stream().noneMatch(e -> e.startsWith("out-") || e.startsWith(".out-")),
                "nothing published, nothing staged: " + entries(tmp));
        return r;
    }

    private JsonNode mnist(Path data, Path out) throws IOException {
        String[] args = Stream.concat(Stream.of("mnist", "--data", data.toString(), "--output", out.toString()),
                Stream.of(SMALL_RUN)).toArray(String[]::new);
        CliRun r = CliRun.of(args);
        assertEquals(Main.OK, r.code(), r.err());
        return JSON.readTree(out.resolve("metrics.json").toFile());
    }

    private static void write(SparkSession spark, Path table, StructType schema, List<Row> rows) {
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(table.toString());
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
