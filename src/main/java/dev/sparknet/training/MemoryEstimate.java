package dev.sparknet.training;

import dev.sparknet.model.MlpSpec;

/**
 * What one parameter-averaging run needs, in bytes, on the driver and on each executor, on the Java heap and off it
 * (ND4J keeps arrays in native memory through JavaCPP). Plain arithmetic, so the check runs before Spark starts.
 * With S the bytes of one float copy of the parameters (4 per parameter):
 * <ul>
 *   <li>driver, off heap: its network (parameters, gradients and Adam's two moments, 4 S), the broadcast value of
 *       each round (parameters and Adam state, 3 S), the sums the round's results are averaged into (3 S) and the
 *       best epoch's parameters and Adam state kept for the end (3 S);</li>
 *   <li>driver, on heap: the broadcast serialized into Spark's blocks (3 S) and the serialized results being
 *       deserialized and summed (3 S per task that reports at once, at most two at a time);</li>
 *   <li>executor, off heap: the broadcast value deserialized once per executor (3 S; none in local mode, where the
 *       tasks share the driver's), and per task its network (4 S) and activations: for each layer, its output,
 *       pre-activation and gradient for a minibatch (3 x batch x width floats), plus the minibatch itself;</li>
 *   <li>executor, on heap: the broadcast's serialized blocks (3 S; none in local mode) and per task its
 *       serialized result (3 S).</li>
 * </ul>
 * Then {@link #MARGIN} for what this model leaves out (allocator rounding, workspaces, garbage not yet collected) and
 * {@link #BASE_HEAP} for Spark and DL4J themselves; calibrated against measured runs (README, "Memory").
 */
public record MemoryEstimate(long driverHeap, long driverOffHeap, long executorHeap, long executorOffHeap) {
    static final long FLOAT = 4;
    /** Spark's and DL4J's own heap with a small network, before any array of ours: measured, rounded up. */
    public static final long BASE_HEAP = 400L << 20;
    /** ND4J's own native memory before any array of ours (libraries, thread buffers): measured, rounded up. */
    public static final long BASE_OFF_HEAP = 300L << 20;
    /**
     * Multiplier over the arithmetic above for what it leaves out. Calibrated on this 2-core machine (README,
     * "Memory"): 784-1568-1568-10 measured about 894 MB outside the heap (process RSS less the committed heap) where
     * the arithmetic gives 337 MB plus the base; 2 covers that, and the default network's measured 334 MB.
     */
    public static final double MARGIN = 2.0;

    /**
     * @param tasksPerExecutor training tasks that run at once in one executor JVM
     * @param local            local mode: the executors are the driver's threads and share its broadcast value
     */
    public static MemoryEstimate of(MlpSpec spec, int batch, int tasksPerExecutor, boolean local) {
        long s = spec.parameterCount() * FLOAT;
        long activations = 3L * batch * activationWidths(spec) * FLOAT + (long) batch * (spec.inputs() + spec.outputs()) * FLOAT;
        long driverOff = 4 * s + 3 * s + 3 * s + 3 * s;
        long driverHeap = 3 * s + 3 * s * Math.min(2, tasksPerExecutor);
        long executorOff = (local ? 0 : 3 * s) + tasksPerExecutor * (4 * s + activations);
        long executorHeap = (local ? 0 : 3 * s) + tasksPerExecutor * 3 * s;
        return new MemoryEstimate(BASE_HEAP + margin(driverHeap), BASE_OFF_HEAP + margin(driverOff),
                (local ? 0 : BASE_HEAP) + margin(executorHeap), (local ? 0 : BASE_OFF_HEAP) + margin(executorOff));
    }

    /** The units whose activations a minibatch holds: every layer's output, the input layer's included. */
    static long activationWidths(MlpSpec spec) {
        long total = spec.inputs() + spec.outputs();
        for (int width : spec.hidden()) {
            total += width;
        }
        return total;
    }

    private static long margin(long bytes) {
        return (long) Math.ceil(bytes * MARGIN);
    }

    /** Local mode runs driver and executors in one JVM: what that JVM needs on heap. */
    public long localHeap() {
        return driverHeap + executorHeap;
    }

    /** Local mode: what that one JVM needs off heap. */
    public long localOffHeap() {
        return driverOffHeap + executorOffHeap;
    }

    /** Bytes as people read them: 1.2 GB, 350 MB (powers of 1024, as -Xmx and spark.executor.memory count). */
    public static String human(long bytes) {
        double gib = bytes / (double) (1L << 30);
        return gib >= 1 ? String.format("%.1f GB", gib) : String.format("%.0f MB", bytes / (double) (1L << 20));
    }
}
