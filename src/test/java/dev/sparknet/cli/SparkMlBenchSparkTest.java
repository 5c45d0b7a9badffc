package dev.sparknet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparknet.RealMnist;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `bench --mllib` and `bench --depth-vs-width` end to end through the command line, on a small slice of MNIST (its
 * synthetic look-alike without the real files) with tiny networks: what they publish and print, not how fast or how
 * accurate (timings belong in the bench output, not in tests).
 */
@Tag("slow") // over 20 s; `mvn -B test -DexcludedGroups=slow` leaves it out
class SparkMlBenchSparkTest {
    @TempDir
    Path tmp;

    private CliRun bench(String... flags) throws IOException {
        Path data = RealMnist.orLookAlike(tmp.resolve("quadrants"), 2_000, 500);
        List<String> args = new ArrayList<>(List.of("bench", "--data", data.toString(), "--master", "local[2]",
                "--workers", "2", "--batch", "50", "--averaging-frequency", "5", "--test-limit", "500"));
        args.addAll(List.of(flags));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void mllibComparisonPublishesBothCurvesAndOneRowPerLevel() throws IOException {
        Path out = tmp.resolve("mllib");
        CliRun run = bench("--mllib", "--output", out.toString(), "--train-limit", "2000", "--mllib-hidden", "16",
                "--mllib-epochs", "2", "--mllib-iterations", "2", "--mllib-chunk", "1", "--levels", "0.5,0.999");

        assertEquals(Main.OK, run.code(), run.err());
        assertEquals(List.of("bench-mllib.json"), List.of(out.toFile().list()), "bench-mllib.json and nothing else");
        JsonNode json = new ObjectMapper().readTree(out.resolve("bench-mllib.json").toFile());
        assertEquals("784-16-10", json.get("layers").asText());
        assertEquals(2_000, json.get("train_rows").asInt());
        assertEquals(500, json.get("test_rows").asInt());
        assertCurve(json.get("mlp_classifier"), 2);
        assertCurve(json.get("mllib"), 2);
        assertEquals(2, json.get("levels").size());
        JsonNode unreachable = json.get("levels").get(1);
        assertEquals(0.999, unreachable.get("accuracy").asDouble());
        assertTrue(unreachable.get("mllib_over_mlp").isNull(), "no ratio for a level nobody reached: " + unreachable);
        assertTrue(run.out().contains("not reached"), run.out());
        assertTrue(run.out().contains("MLlib / MlpClassifier"), run.out());
        assertTrue(json.get("provenance").get("settings").get("mllib").asBoolean());
    }

    /** Non-empty, one point per epoch or iteration asked for, in training order: iterations and seconds increase. */
    private static void assertCurve(JsonNode curve, int points) {
        JsonNode p = curve.get("points");
        assertEquals(points, p.size(), curve.toString());
        for (int i = 0; i < p.size(); i++) {
            double accuracy = p.get(i).get("test_accuracy").asDouble();
            assertTrue(accuracy >= 0 && accuracy <= 1, curve.toString());
            assertTrue(p.get(i).get("seconds").asDouble() > 0, curve.toString());
            if (i > 0) {
                assertTrue(p.get(i).get("iterations").asInt() > p.get(i - 1).get("iterations").asInt(), curve.toString());
                assertTrue(p.get(i).get("seconds").asDouble() > p.get(i - 1).get("seconds").asDouble(),
                        "monotone in time: " + curve);
            }
        }
        assertFalse(curve.get("timing").asText().isBlank());
        assertFalse(curve.get("stopped").asText().isBlank());
    }

    @Test
    void depthVsWidthCrossValidatesEveryShapeOverSeedsAndRates() throws IOException {
        Path out = tmp.resolve("depth");
        CliRun run = bench("--depth-vs-width", "--output", out.toString(), "--cv-shapes", "8/4,4", "--cv-seeds", "2",
                "--cv-learning-rates", "0.003,0.01", "--cv-folds", "2", "--cv-epochs", "1", "--cv-rows", "400");

        assertEquals(Main.OK, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("depth-vs-width.json").toFile());
        assertEquals(400, json.get("cv_rows").asInt());
        assertEquals(List.of("784-8-10", "784-4-4-10"),
                List.of(json.get("shapes").get(0).get("layers").asText(), json.get("shapes").get(1).get("layers").asText()));
        for (JsonNode shape : json.get("shapes")) {
            assertEquals(4, shape.get("grid").size(), "2 seeds x 2 rates: " + shape);
            JsonNode cv = shape.get("cv");
            assertTrue(cv.get("min").asDouble() <= cv.get("mean").asDouble()
                    && cv.get("mean").asDouble() <= cv.get("max").asDouble(), cv.toString());
            assertEquals(2, shape.get("per_learning_rate").size());
            assertTrue(shape.get("across_learning_rates").get("mean_range").asDouble()
                    <= cv.get("max").asDouble() - cv.get("min").asDouble() + 1e-12, shape.toString());
            assertEquals(cv.get("max").asDouble(), shape.get("best").get("cv_accuracy").asDouble());
            double test = shape.get("best_test_accuracy").asDouble();
            assertTrue(test >= 0 && test <= 1, shape.toString());
        }
        assertTrue(run.out().contains("784-4-4-10"), run.out());
    }
}
