package dev.sparknet.submit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executor JVMs of a standalone cluster seen while a job runs: the process table sampled every 200 ms until
 * closed, each executor ("appId/executorId") with the pid and command line it was first seen with. Executors come
 * and go with the application, so they are caught while it runs rather than looked up afterwards.
 */
final class ExecutorSampler implements AutoCloseable {
    record Seen(long pid, String commandLine) {
    }

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final Thread thread;

    ExecutorSampler(StandaloneCluster cluster) {
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                cluster.executorProcesses().forEach((id, pid) -> ProcessHandle.of(pid).ifPresent(p ->
                        seen.putIfAbsent(id, new Seen(pid, p.info().commandLine().orElse("")))));
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "executor-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** What was seen so far: "appId/executorId" -> pid and command line. */
    Map<String, Seen> seen() {
        return Map.copyOf(seen);
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }
}
