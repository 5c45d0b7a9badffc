package dev.sparknet.approx;

import dev.sparknet.SparkTestContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SparkTestContext.class)
class SampleGeneratorSparkTest {
    private static final Polynomial CUBIC = Polynomial.parse("1,1,-1,-1");
    private static final Interval RANGE = new Interval(-5, 5);
    private static final int COUNT = 10_000; // not a multiple of the batch size: the last minibatch is short
    private static final int BATCH = 64;

    private static List<DataSet> minibatches(JavaSparkContext sc, long seed, int partitions) {
        return SampleGenerator.minibatches(sc, new SampleGenerator.Spec(CUBIC, RANGE, seed, COUNT), BATCH,
                Standardizer.of(CUBIC, RANGE), partitions).collect();
    }

    @Test
    void minibatchesDependOnTheSeedOnlyNotOnThePartitioning(JavaSparkContext sc) {
        List<DataSet> one = minibatches(sc, 42, 1);
        List<DataSet> four = minibatches(sc, 42, 4);
        List<DataSet> seven = minibatches(sc, 42, 7);
        assertEquals(157, one.size(), "10000 samples in minibatches of 64: 156 full and one of 16");
        assertEquals(16, one.get(156).numExamples());
        for (int b = 0; b < one.size(); b++) {
            for (List<DataSet> other : List.of(four, seven)) {
                assertEquals(one.get(b).getFeatures(), other.get(b).getFeatures(), "x of minibatch " + b);
                assertEquals(one.get(b).getLabels(), other.get(b).getLabels(), "y of minibatch " + b);
            }
        }
    }

    @Test
    void samplesAreInRangeAndSpreadOut() {
        double[] x = SampleGenerator.xs(7, SampleGenerator.Stream.TRAIN, COUNT, RANGE);
        double sum = 0;
        int below = 0;
        for (double v : x) {
            assertTrue(v >= RANGE.lo() && v <= RANGE.hi(), "x = " + v + " outside " + RANGE);
            sum += v;
            below += v < 0 ? 1 : 0;
        }
        assertEquals(0, sum / COUNT, 0.1, "mean of x uniform on [-5, 5]");
        assertEquals(0.5, (double) below / COUNT, 0.03);
    }

    @Test
    void differentSeedsGiveDifferentSamples() {
        double[] a = SampleGenerator.xs(1, SampleGenerator.Stream.TRAIN, COUNT, RANGE);
        double[] b = SampleGenerator.xs(2, SampleGenerator.Stream.TRAIN, COUNT, RANGE);
        int same = 0;
        for (int i = 0; i < COUNT; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        assertEquals(0, same);
    }

    @Test
    void streamsDoNotShareRandomNumbers() {
        double[] train = SampleGenerator.xs(42, SampleGenerator.Stream.TRAIN, 100, RANGE);
        double[] validation = SampleGenerator.xs(42, SampleGenerator.Stream.VALIDATION, 100, RANGE);
        for (int i = 0; i < 100; i++) {
            assertFalse(train[i] == validation[i], "index " + i);
        }
    }

    @Test
    void outOfRangePointsCoverBothSidesOfTheSpanOutsideTheRange() {
        double[] x = SampleGenerator.outside(42, 4000, RANGE, new Interval(-7, 7));
        int left = 0;
        for (double v : x) {
            assertTrue((v >= -7 && v <= -5) || (v >= 5 && v <= 7), "x = " + v);
            left += v < 0 ? 1 : 0;
        }
        assertEquals(0.5, left / 4000.0, 0.05);
        double[] rightOnly = SampleGenerator.outside(1, 100, RANGE, new Interval(-5, 9));
        for (double v : rightOnly) {
            assertTrue(v >= 5 && v <= 9, "x = " + v);
        }
    }

    @Test
    void minibatchesHoldTheStandardisedSamplesInIndexOrder(JavaSparkContext sc) {
        SampleGenerator.Spec spec = new SampleGenerator.Spec(CUBIC, RANGE, 3, 1000);
        Standardizer standardizer = Standardizer.of(CUBIC, RANGE);
        List<DataSet> two = SampleGenerator.minibatches(sc, spec, 64, standardizer, 2).collect();
        assertEquals(SampleGenerator.batchCount(spec, 64), two.size());
        assertEquals(16, two.size(), "1000 samples in batches of 64: 15 full and one of 40");
        assertEquals(40, two.get(15).numExamples());
        double sumY = 0;
        double sumY2 = 0;
        int n = 0;
        for (int b = 0; b < two.size(); b++) {
            float[] x = two.get(b).getFeatures().toFloatVector();
            float[] y = two.get(b).getLabels().toFloatVector();
            for (int k = 0; k < x.length; k++) {
                double original = SampleGenerator.x(3, SampleGenerator.Stream.TRAIN, (long) b * 64 + k, RANGE);
                assertEquals(standardizer.x(original), x[k], 1e-5);
                assertEquals(standardizer.y(CUBIC.evaluate(original)), y[k], 1e-5, "y is the target at x, standardised");
                sumY += y[k];
                sumY2 += y[k] * y[k];
                n++;
            }
        }
        assertEquals(1000, n);
        assertEquals(0, sumY / n, 0.1, "standardised targets have mean ~0");
        assertEquals(1, sumY2 / n, 0.15, "and variance ~1");
    }
}
