package dev.sparknet.bench;

import dev.sparknet.model.MlpSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GemmProbeTest {
    private static final MlpSpec SMALL = new MlpSpec(64, List.of(48), 10, MlpSpec.Head.SOFTMAX_CROSS_ENTROPY, 0.01, 1);

    @Test
    void measuresBothWaysAndTheRooflineTakesTheFaster() {
        GemmProbe.Speed speed = GemmProbe.measure(SMALL, 16, 2, 0.1);

        assertTrue(speed.oneStreamGflops() > 0.01, "one stream: " + speed.oneStreamGflops());
        assertTrue(speed.parallelGflops() > 0.01, "parallel streams: " + speed.parallelGflops());
        assertEquals(Math.max(speed.oneStreamGflops(), speed.parallelGflops()), speed.best());
    }

    @Test
    void leavesNd4jsBlasThreadCountAsItFoundIt() {
        int original = Nd4j.factory().blas().getMaxThreads();
        try {
            Nd4j.factory().blas().setMaxThreads(2); // not the 1 the probe sets last
            GemmProbe.measure(SMALL, 16, 2, 0.05);
            assertEquals(2, Nd4j.factory().blas().getMaxThreads());
        } finally {
            Nd4j.factory().blas().setMaxThreads(original);
        }
    }
}
