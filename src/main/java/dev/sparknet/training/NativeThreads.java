package dev.sparknet.training;

import org.nd4j.linalg.factory.Nd4j;

/**
 * How many native threads ND4J (its own loops and OpenBLAS) may use in this JVM. When Spark runs
 * several training tasks in one JVM (local mode, or an executor with several cores), each task must
 * stay on one thread: two tasks each spawning a thread per core fight over the same cores.
 */
public final class NativeThreads {
    private NativeThreads() {
    }

    public static void set(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
