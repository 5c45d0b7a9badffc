package dev.sparknet.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparknet.artifacts.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClassificationMetricsTest {
    private static final double EPS = 1e-12;

    /*
     * confusion[actual][predicted]:
     *              pred 0  pred 1  pred 2   | support
     *   actual 0      5       1       0     |   6
     *   actual 1      2       3       1     |   6
     *   actual 2      0       0       4     |   4
     *   predicted     7       4       5     |  16
     *
     * correct = 5 + 3 + 4 = 12, accuracy = 12/16 = 0.75
     * precision: 5/7, 3/4, 4/5
     * recall:    5/6, 3/6 = 1/2, 4/4 = 1
     * F1 class 0 = 2*(5/7)(5/6) / (5/7 + 5/6) = (50/42) / (65/42) = 10/13
     * F1 class 1 = 2*(3/4)(1/2) / (3/4 + 1/2) = 0.75 / 1.25 = 0.6
     * F1 class 2 = 2*(4/5)(1)   / (4/5 + 1)   = 1.6 / 1.8  = 8/9
     * macro F1 = (10/13 + 3/5 + 8/9) / 3
     */
    private static final long[][] MATRIX = {{5, 1, 0}, {2, 3, 1}, {0, 0, 4}};

    @Test
    void handComputedThreeByThree() {
        ClassificationMetrics m = new ClassificationMetrics(MATRIX);
        assertEquals(3, m.numClasses());
        assertEquals(16, m.total());
        assertEquals(12, m.correct());
        assertEquals(0.75, m.accuracy(), EPS);

        assertEquals(6, m.support(0));
        assertEquals(6, m.support(1));
        assertEquals(4, m.support(2));
        assertEquals(7, m.predicted(0));
        assertEquals(4, m.predicted(1));
        assertEquals(5, m.predicted(2));

        assertEquals(5.0 / 7, m.precision(0), EPS);
        assertEquals(3.0 / 4, m.precision(1), EPS);
        assertEquals(4.0 / 5, m.precision(2), EPS);

        assertEquals(5.0 / 6, m.recall(0), EPS);
        assertEquals(0.5, m.recall(1), EPS);
        assertEquals(1.0, m.recall(2), EPS);

        assertEquals(10.0 / 13, m.f1(0), EPS);
        assertEquals(0.6, m.f1(1), EPS);
        assertEquals(8.0 / 9, m.f1(2), EPS);
        assertEquals((10.0 / 13 + 0.6 + 8.0 / 9) / 3, m.macroF1(), EPS);
    }

    @Test
    void classNeverPredictedHasPrecisionZero() {
        // class 1 is present (1 example) but never predicted
        ClassificationMetrics m = new ClassificationMetrics(new long[][]{{2, 0}, {1, 0}});
        assertEquals(0, m.predicted(1));
        assertEquals(0.0, m.precision(1));
        assertEquals(0.0, m.recall(1));
        assertEquals(0.0, m.f1(1));
        assertEquals(2.0 / 3, m.precision(0), EPS);
        assertEquals(1.0, m.recall(0), EPS);
        assertEquals(2 * (2.0 / 3) / (2.0 / 3 + 1), m.f1(0), EPS); // 0.8
        assertEquals(0.4, m.macroF1(), EPS);
        assertEquals(2.0 / 3, m.accuracy(), EPS);
    }

    @Test
    void classNeverPresentHasRecallZero() {
        // class 1 is predicted once but never present
        ClassificationMetrics m = new ClassificationMetrics(new long[][]{{3, 1}, {0, 0}});
        assertEquals(0, m.support(1));
        assertEquals(0.0, m.recall(1));
        assertEquals(0.0, m.precision(1)); // 0 / 1
        assertEquals(0.0, m.f1(1));
        assertEquals(0.75, m.accuracy(), EPS);
    }

    @Test
    void emptyMatrixHasZeroAccuracy() {
        ClassificationMetrics m = new ClassificationMetrics(new long[][]{{0, 0}, {0, 0}});
        assertEquals(0, m.total());
        assertEquals(0.0, m.accuracy());
        assertEquals(0.0, m.macroF1());
    }

    @Test
    void nonSquareMatrixRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ClassificationMetrics(new long[][]{{1, 2}, {3}}));
    }

    @Test
    void matrixIsCopied() {
        long[][] source = {{1, 0}, {0, 1}};
        ClassificationMetrics m = new ClassificationMetrics(source);
        source[0][1] = 100;
        assertEquals(1.0, m.accuracy());
        m.confusion()[0][0] = 0; // the accessor exposes the internal copy; the constructor's copy protects the caller only
        assertEquals(1L, source[0][0]);
    }

    @Test
    void scoresKeepMetricsJsonsNamesAndOrder() throws Exception {
        TestScores scores = new ClassificationMetrics(MATRIX).scores();
        assertEquals(0.75, scores.accuracy(), EPS);
        assertEquals(16L, scores.examples());
        JsonNode json = new ObjectMapper().readTree(Json.write(scores));
        List<String> keys = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("accuracy", "examples", "macro_f1", "per_class", "confusion_matrix"), keys);
        assertEquals("[[5,1,0],[2,3,1],[0,0,4]]", json.get("confusion_matrix").toString());
        JsonNode c1 = json.get("per_class").get(1);
        List<String> classKeys = new java.util.ArrayList<>();
        c1.fieldNames().forEachRemaining(classKeys::add);
        assertEquals(List.of("class", "precision", "recall", "f1", "support"), classKeys);
        assertEquals(1, c1.get("class").asInt());
        assertEquals(0.75, c1.get("precision").asDouble(), EPS);
        assertEquals(0.5, c1.get("recall").asDouble(), EPS);
        assertEquals(0.6, c1.get("f1").asDouble(), EPS);
        assertEquals(6L, c1.get("support").asLong());
    }
}
