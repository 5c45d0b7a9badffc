package dev.sparknet.submit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lost executor does not lose the job: `mnist` with its default settings (6 epochs) on the two-worker
 * standalone cluster, one executor JVM killed with SIGKILL while it runs a training task of epoch 2. Spark must see the
 * executor go, fail its tasks, get a replacement from the worker and rerun them; the job must finish with
 * exit 0 and the accuracy the issue asks for (98% on the test split).
 */
class ExecutorLossIT {
    @RegisterExtension // the 98% bar needs real MNIST
    static final StandaloneCluster.PerClass CLUSTER = StandaloneCluster.perClass("executor-loss-it", 2).needingRealMnist();

    @Test
    void jobSurvivesAnExecutorKilledMidEpochAndStillReaches98Percent(StandaloneCluster cluster) throws Exception {
        Path work = cluster.work;
        Path events = work.resolve("events");
        Path output = work.resolve("runs").resolve("mnist");
        DriverRestApi driver = DriverRestApi.onFreePort();
        Map<String, String> env = Map.of("SPARK_CONF_DIR", cluster.eventLogConf(events, driver.sparkConf()).toString(),
                "SPARKNET_DRIVER_MEMORY", "2g", "SPARKNET_EXECUTOR_MEMORY", "1536m", "SPARKNET_EXECUTOR_OFFHEAP", "1g",
                "SPARKNET_TOTAL_EXECUTOR_CORES", "2");
        StandaloneCluster.Started job = cluster.start(work.resolve("train"), env, "submit/local.sh", "mnist",
                "--master", cluster.masterUrl(), "--data", StandaloneCluster.MNIST.toString(), "--output", output.toString(),
                // six fixed epochs on all 60,000 images (bench's schedule): the kill lands in epoch 2 of a known six
                "--epochs", "6", "--validation", "0", "--patience", "0", "--lr-schedule", "exponential", "--lr-decay", "0.7");

        // The kill follows what the driver reports, not the clock: once epoch 1 is logged (trained and scored), the
        // first executor the driver says is running a task is running one of epoch 2's training tasks. It is frozen
        // (SIGSTOP), so that task cannot end, and killed at once. (Waiting, frozen, for the other executor to go idle
        // failed once in CI: the other executor's task was reading a cached block from the frozen one and hung
        // until Spark's own 120 s heartbeat timeout removed the frozen executor first.) The event log must then show
        // that task lost with its executor.
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        job.awaitStdout("DistributedRun: network", deadline);
        String appId = driver.applicationId(deadline); // its first answer takes seconds: asked before epoch 2
        job.awaitStdout("epoch 1/6:", deadline);
        Map<String, Long> executors = cluster.executorProcesses();
        assertEquals(2, executors.size(), "executor JVMs of the application: " + executors);
        String lostId = driver.executorRunningATask(appId, deadline);
        String victim = appId + "/" + lostId;
        ProcessHandle process = ProcessHandle.of(executors.get(victim)).orElseThrow();
        Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).inheritIO().start();
        assertTrue(stop.waitFor(10, TimeUnit.SECONDS) && stop.exitValue() == 0, "could not stop executor " + victim);
        // ProcessHandle.destroyForcibly is SIGKILL on Linux: no shutdown hooks, as when a machine dies
        assertTrue(process.destroyForcibly(), "could not kill executor " + victim + " (alive: " + process.isAlive() + ")");
        process.onExit().get();
        long killedAt = System.nanoTime();
        assertFalse(job.stdoutSoFar().contains("epoch 2/6:"), "epoch 2 ended before the kill");

        StandaloneCluster.Run train = job.await(Duration.ofMinutes(15));
        assertEquals(0, train.exitCode(), "the job did not survive the loss of executor " + victim + ":\n" + train.stderr());

        JsonNode metrics = StandaloneCluster.JSON.readTree(output.resolve("metrics.json").toFile());
        double accuracy = metrics.get("test_accuracy").asDouble();
        assertEquals(6, metrics.get("epochs").size());
        assertTrue(accuracy >= 0.98, "test accuracy " + accuracy + " after losing an executor; the issue asks 98%");

        // Spark's record: the killed executor was removed, its tasks failed as ExecutorLostFailure, a new one came.
        List<Path> logs = StandaloneCluster.eventLogs(events);
        assertEquals(1, logs.size(), "one event log expected: " + logs);
        StandaloneCluster.EventLog log = StandaloneCluster.EventLog.read(logs.get(0));
        assertTrue(log.executorsRemoved().containsKey(lostId), "executor " + lostId + " never removed: " + log.order());
        List<String> order = log.order();
        int removedAt = order.indexOf("removed:" + lostId);
        assertTrue(order.subList(removedAt + 1, order.size()).stream().anyMatch(e -> e.startsWith("added:")),
                "no executor added after " + lostId + " was removed: " + order);
        assertTrue(log.executorsAdded().size() >= 3, "executors: " + log.order());
        assertTrue(log.executorLostTasks().stream().anyMatch(t -> t.endsWith(" on executor " + lostId)),
                "the kill must have cost the task the driver reported running on " + lostId + ": " + log.executorLostTasks());
        System.out.printf("ExecutorLossIT: froze, then killed executor %s (pid %d) running a task of epoch 2; "
                        + "removed (%s); events %s; tasks lost with it: %s; tasks per executor %s; job finished %.0f s later; test accuracy %.4f%n",
                victim, process.pid(), log.executorsRemoved().get(lostId), order, log.executorLostTasks(),
                log.tasksByExecutor(), (System.nanoTime() - killedAt) / 1e9, accuracy);
    }
}
