package dev.sparknet.training;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many native threads ND4J (its own loops and OpenBLAS) may use in this JVM. When Spark runs
 * several training tasks in one JVM (local mode, or an executor with several cores), each task must
 * stay on one thread: two tasks each spawning a thread per core fight over the same cores.
 */
public final class NativeThreads {
    private static final Logger log = LoggerFactory.getLogger(NativeThreads.class);

    private NativeThreads() {
    }

    /**
     * OpenMP reads its thread count once per thread, from the environment: {@link #set} reaches the
     * calling thread and ND4J's loops but not the OpenMP teams of Spark's task threads. Local-mode
     * training was ~15% slower without {@code OMP_NUM_THREADS=1} (submit/local.sh sets it).
     */
    public static void warnUnlessSingleThreadedOpenMp() {
        String value = System.getenv("OMP_NUM_THREADS");
        if (!"1".equals(value)) {
            log.warn("OMP_NUM_THREADS is {}: in local mode every training task should have one native thread; start "
                    + "the JVM with OMP_NUM_THREADS=1 (submit/local.sh does) for ~15% faster training",
                    value == null ? "not set" : value);
        }
    }

    public static void set(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
