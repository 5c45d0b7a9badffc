package dev.sparknet.approx;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Random samples (x, p(x)) with x uniform on an interval, where sample i of a stream depends on
 * (seed, stream, i) only: a SplitMix64 hash of the three, not a shared random sequence. So the samples
 * are the same whichever task generates them, however the indices are partitioned, and the training,
 * validation and test streams never overlap in their random numbers.
 *
 * <p>The training set is generated on the executors: minibatch indices are parallelised, each task
 * builds its minibatches (standardised) in place. Validation and test samples are small and made on the
 * driver.
 */
final class SampleGenerator {
    /** Independent streams of random numbers for one seed. */
    enum Stream {
        TRAIN(0x5452_4149_4EL), VALIDATION(0x5641_4C49_44L), TEST_IN_RANGE(0x5445_5354_49L), TEST_OUT_OF_RANGE(0x5445_5354_4FL);

        private final long salt;

        Stream(long salt) {
            this.salt = salt;
        }
    }

    /** What to sample: {@code count} points of {@code target} on {@code range} from {@code seed}. */
    record Spec(Polynomial target, Interval range, long seed, int count) implements Serializable {
        Spec {
            if (count <= 0) {
                throw new IllegalArgumentException("count must be positive, got " + count);
            }
        }
    }

    private SampleGenerator() {
    }

    /** A number in [0, 1) that depends only on its three arguments. */
    private static double uniform(long seed, Stream stream, long index) {
        long z = mix(mix(seed ^ stream.salt) + index * 0x9E37_79B9_7F4A_7C15L);
        return (z >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /** x of sample {@code index} of {@code stream}: uniform on {@code range}. */
    static double x(long seed, Stream stream, long index, Interval range) {
        return range.at(uniform(seed, stream, index));
    }

    /** The first {@code count} x of a stream, on the driver. */
    static double[] xs(long seed, Stream stream, int count, Interval range) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = x(seed, stream, i, range);
        }
        return out;
    }

    /**
     * {@code count} x uniform on the parts of {@code span} outside {@code range} (both sides, in proportion
     * to their lengths), on the driver. Empty when {@code span} adds nothing to {@code range}, which it
     * must enclose.
     */
    static double[] outside(long seed, int count, Interval range, Interval span) {
        List<Interval> parts = span.outside(range);
        if (parts.isEmpty()) {
            return new double[0];
        }
        Interval first = parts.get(0);
        Interval last = parts.get(parts.size() - 1);
        double total = parts.stream().mapToDouble(Interval::width).sum();
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            double u = uniform(seed, Stream.TEST_OUT_OF_RANGE, i) * total;
            out[i] = u < first.width() ? first.lo() + u : last.lo() + (u - first.width());
        }
        return out;
    }

    /** Number of minibatches of {@code batchSize} the training set is cut into (the last may be smaller). */
    static int batchCount(Spec spec, int batchSize) {
        return (int) ((spec.count() + (long) batchSize - 1) / batchSize);
    }

    /**
     * The training set as standardised minibatches, generated on the executors in {@code partitions}
     * partitions: minibatch b holds samples b·batchSize up to (b+1)·batchSize − 1, whoever makes it.
     */
    static JavaRDD<DataSet> minibatches(JavaSparkContext sc, Spec spec, int batchSize, Standardizer standardizer,
                                               int partitions) {
        int batches = batchCount(spec, batchSize);
        return sc.parallelize(IntStream.range(0, batches).boxed().toList(), partitions)
                .mapPartitions(indices -> new Iterator<DataSet>() {
                    @Override
                    public boolean hasNext() {
                        return indices.hasNext();
                    }

                    @Override
                    public DataSet next() {
                        int b = indices.next();
                        long start = (long) b * batchSize;
                        int n = (int) Math.min(batchSize, spec.count() - start);
                        float[] x = new float[n];
                        float[] y = new float[n];
                        for (int k = 0; k < n; k++) {
                            double xi = x(spec.seed(), Stream.TRAIN, start + k, spec.range());
                            x[k] = (float) standardizer.x(xi);
                            y[k] = (float) standardizer.y(spec.target().evaluate(xi));
                        }
                        return new DataSet(column(x), column(y));
                    }
                });
    }

    private static INDArray column(float[] values) {
        return Nd4j.create(values, new long[]{values.length, 1}, 'c');
    }
}
