package dev.sparknet.data;

import java.util.Random;

/** The order in which examples are cut into minibatches: seeded, and the same on every executor. */
public final class ExampleOrder {
    private ExampleOrder() {
    }

    public static int[] identity(int count) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        return order;
    }

    /** A Fisher-Yates permutation of 0..count-1 from {@code seed}; independent of partitioning. */
    public static int[] shuffled(int count, long seed) {
        int[] order = identity(count);
        Random random = new Random(seed);
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    public static int numBatches(int count, int batchSize) {
        return (count + batchSize - 1) / batchSize;
    }
}
