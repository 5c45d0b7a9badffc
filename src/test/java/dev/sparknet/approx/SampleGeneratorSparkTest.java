package dev.sparknet.approx;

import dev.sparknet.SparkTestContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SparkTestContext.class)
class SampleGeneratorSparkTest {
    private static final Polynomial CUBIC = Polynomial.parse("1,1,-1,-1");
    private static final Interval RANGE = new Interval(-5, 5);
    private static final int COUNT = 10_000; // not a multiple of the generator's chunk: the last chunk is short

    private static double[][] collect(JavaSparkContext sc, long seed, int partitions) {
        List<double[]> samples = SampleGenerator.samples(sc, new SampleGenerator.Spec(CUBIC, RANGE, seed, COUNT), partitions)
                .collect();
        return samples.toArray(new double[0][]);
    }

    @Test
    void samplesDependOnTheSeedOnlyNotOnThePartitioning(JavaSparkContext sc) {
        double[][] one = collect(sc, 42, 1);
        double[][] four = collect(sc, 42, 4);
        double[][] seven = collect(sc, 42, 7);
        assertEquals(COUNT, one.length);
        for (int i = 0; i < COUNT; i++) {
            assertArrayEquals(one[i], four[i], "sample " + i + " with 1 vs 4 partitions");
            assertArrayEquals(one[i], seven[i], "sample " + i + " with 1 vs 7 partitions");
        }
        assertArrayEquals(one[0], collect(sc, 42, 2)[0], "same seed, same samples");
    }

    @Test
    void samplesAreInRangeOnTheTargetAndSpreadOut(JavaSparkContext sc) {
        double[][] samples = collect(sc, 7, 3);
        double sum = 0;
        int below = 0;
        for (double[] s : samples) {
            assertTrue(RANGE.contains(s[0]), "x = " + s[0] + " outside " + RANGE);
            assertEquals(CUBIC.evaluate(s[0]), s[1], 0);
            sum += s[0];
            below += s[0] < 0 ? 1 : 0;
        }
        assertEquals(0, sum / samples.length, 0.1, "mean of x uniform on [-5, 5]");
        assertEquals(0.5, (double) below / samples.length, 0.03);
    }

    @Test
    void differentSeedsGiveDifferentSamples(JavaSparkContext sc) {
        double[][] a = collect(sc, 1, 2);
        double[][] b = collect(sc, 2, 2);
        int same = 0;
        for (int i = 0; i < COUNT; i++) {
            same += a[i][0] == b[i][0] ? 1 : 0;
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
    void minibatchesAreStandardisedAndIndependentOfPartitioning(JavaSparkContext sc) {
        SampleGenerator.Spec spec = new SampleGenerator.Spec(CUBIC, RANGE, 3, 1000);
        Standardizer standardizer = Standardizer.of(CUBIC, RANGE);
        List<DataSet> two = SampleGenerator.minibatches(sc, spec, 64, standardizer, 2).collect();
        List<DataSet> five = SampleGenerator.minibatches(sc, spec, 64, standardizer, 5).collect();
        assertEquals(SampleGenerator.batchCount(spec, 64), two.size());
        assertEquals(16, two.size(), "1000 samples in batches of 64: 15 full and one of 40");
        assertEquals(40, two.get(15).numExamples());
        double sumY = 0;
        double sumY2 = 0;
        int n = 0;
        for (int b = 0; b < two.size(); b++) {
            assertEquals(two.get(b).getFeatures(), five.get(b).getFeatures(), "batch " + b);
            assertEquals(two.get(b).getLabels(), five.get(b).getLabels(), "batch " + b);
            float[] x = two.get(b).getFeatures().toFloatVector();
            float[] y = two.get(b).getLabels().toFloatVector();
            for (int k = 0; k < x.length; k++) {
                double original = SampleGenerator.x(3, SampleGenerator.Stream.TRAIN, (long) b * 64 + k, RANGE);
                assertEquals(standardizer.x(original), x[k], 1e-5);
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
