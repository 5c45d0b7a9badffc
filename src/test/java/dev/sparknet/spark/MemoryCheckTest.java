package dev.sparknet.spark;

import dev.sparknet.BadInputException;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.training.MemoryEstimate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryCheckTest {
    private static final long GB = 1L << 30;

    @Test
    void fitsSaysNothing() {
        MemoryEstimate e = new MemoryEstimate(GB, GB, GB, GB);
        assertEquals("", MemoryCheck.shortfalls(e, new MemoryCheck.Limits(2 * GB, 2 * GB, 0, 0), true));
        assertEquals("", MemoryCheck.shortfalls(e, new MemoryCheck.Limits(GB, GB, GB, GB), false));
    }

    @Test
    void localModeNamesTheDriverSettingWithBothFigures() {
        MemoryEstimate e = new MemoryEstimate(3 * GB, GB, 2 * GB, GB);
        String s = MemoryCheck.shortfalls(e, new MemoryCheck.Limits(4 * GB, 8 * GB, 0, 0), true);
        assertEquals("this JVM (driver and local executors) needs about 5.0 GB of heap but 4.0 GB is configured: "
                + "raise SPARKNET_DRIVER_MEMORY to at least 5g", s);
    }

    @Test
    void clusterNamesEachSettingThatIsShort() {
        MemoryEstimate e = new MemoryEstimate(GB, GB, 5 * GB, 3 * GB);
        String s = MemoryCheck.shortfalls(e, new MemoryCheck.Limits(4 * GB, 4 * GB, 4 * GB, 2 * GB), false);
        assertTrue(s.contains("each executor needs about 5.0 GB of heap but 4.0 GB is configured: raise SPARKNET_EXECUTOR_MEMORY to at least 5g"), s);
        assertTrue(s.contains("each executor needs about 3.0 GB off heap (ND4J arrays) but 2.0 GB is configured: raise SPARKNET_EXECUTOR_OFFHEAP to at least 3g"), s);
        assertTrue(!s.contains("driver"), s);
    }

    @Test
    void readsTheSettingsTheScriptsPass() {
        assertEquals(2, MemoryCheck.localThreads("local[2]", 8));
        assertEquals(8, MemoryCheck.localThreads("local[*]", 8));
        assertEquals(1, MemoryCheck.localThreads("local", 8));
        assertEquals(3, MemoryCheck.localThreads("local[3,2]", 8));
        assertEquals(0, MemoryCheck.localThreads("spark://127.0.0.1:7077", 8));
        assertEquals(0, MemoryCheck.localThreads("yarn", 8));
        assertEquals(2048L << 20, MemoryCheck.executorOffHeap("--add-opens=x -Dorg.bytedeco.javacpp.maxbytes=2048m "
                + "-Dorg.bytedeco.javacpp.maxphysicalbytes=7168m", 4 * GB));
        assertEquals(4 * GB, MemoryCheck.executorOffHeap("", 4 * GB), "JavaCPP's default follows the heap");
    }

    @Test
    void hugeNetworkFailsAtOnceWithTheEstimate() {
        MlpSpec huge = new MlpSpec(784, List.of(300000), 10, MlpSpec.Head.SOFTMAX_CROSS_ENTROPY, 0.008, 42);
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(BadInputException.class,
                () -> MemoryCheck.require(huge, 256, 2, "local[2]")));
        assertTrue(e.getMessage().startsWith("not enough memory for 784-300000-10 (238,500,010 parameters, batch 256, "
                + "2 task(s) per JVM): this JVM (driver and local executors) needs about "), e.getMessage());
        assertTrue(e.getMessage().contains("raise SPARKNET_DRIVER_MEMORY"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
