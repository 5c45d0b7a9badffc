package dev.sparknet.training;

import dev.sparknet.model.MlpSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryEstimateTest {
    private static MlpSpec mlp(Integer... hidden) {
        return new MlpSpec(784, List.of(hidden), 10, MlpSpec.Head.SOFTMAX_CROSS_ENTROPY, 0.008, 42);
    }

    private static final long MB = 1L << 20;

    @Test
    void defaultNetworkIsSmallBesideTheBase() {
        MemoryEstimate e = MemoryEstimate.of(mlp(1568), 256, 2, true);
        long s = 1_246_570L * 4; // 4.99 MB per float copy of the parameters
        assertEquals(MemoryEstimate.BASE_HEAP + (long) Math.ceil(MemoryEstimate.MARGIN * (3 * s + 2 * 3 * s)), e.driverHeap());
        assertEquals(0, e.executorHeap() - (long) Math.ceil(MemoryEstimate.MARGIN * 2 * 3 * s), "local: no executor base");
        assertTrue(e.localHeap() < 600 * MB, MemoryEstimate.human(e.localHeap()));
        assertTrue(e.localOffHeap() < 600 * MB, MemoryEstimate.human(e.localOffHeap()));
    }

    @Test
    void hugeHiddenLayerNeedsTensOfGigabytes() {
        // the example: 784-300000-10 has 238,500,010 parameters, 954 MB per float copy
        MlpSpec huge = mlp(300000);
        assertEquals(238_500_010L, huge.parameterCount());
        MemoryEstimate e = MemoryEstimate.of(huge, 256, 2, true);
        assertTrue(e.localHeap() > 10L * 1024 * MB, MemoryEstimate.human(e.localHeap()));
        assertTrue(e.localOffHeap() > 20L * 1024 * MB, MemoryEstimate.human(e.localOffHeap()));
    }

    @Test
    void clusterExecutorsHoldTheirOwnBroadcastAndGrowWithTasksAndBatch() {
        MlpSpec deep = mlp(1568, 1568);
        MemoryEstimate one = MemoryEstimate.of(deep, 256, 1, false);
        MemoryEstimate four = MemoryEstimate.of(deep, 256, 4, false);
        MemoryEstimate local = MemoryEstimate.of(deep, 256, 1, true);
        assertTrue(one.executorOffHeap() > local.executorOffHeap() + MemoryEstimate.BASE_OFF_HEAP,
                "a cluster executor deserializes its own broadcast copy");
        assertTrue(four.executorOffHeap() > 3 * (one.executorOffHeap() - MemoryEstimate.BASE_OFF_HEAP));
        assertTrue(MemoryEstimate.of(deep, 4096, 1, false).executorOffHeap() > one.executorOffHeap() + 100 * MB,
                "activations of 4096 examples x 3,930 units x 3 floats");
        assertEquals(one.driverOffHeap(), four.driverOffHeap(), "the driver's arrays do not depend on the tasks");
    }

    @Test
    void humanSizes() {
        assertEquals("350 MB", MemoryEstimate.human(350 * MB));
        assertEquals("4.0 GB", MemoryEstimate.human(4096 * MB));
    }
}
