package dev.sparknet.submit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lost executor does not lose the job: `mnist` with its default settings (6 epochs) on the two-worker
 * standalone cluster, one executor JVM killed with SIGKILL in the middle of epoch 2. Spark must see the
 * executor go, fail its tasks, get a replacement from the worker and rerun them; the job must finish with
 * exit 0 and the accuracy the issue asks for (98% on the test split).
 */
class ExecutorLossIT {
    static StandaloneCluster cluster;

    @BeforeAll
    static void up() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(StandaloneCluster.MNIST.resolve("train-images-idx3-ubyte.gz")),
                "real MNIST not found at " + StandaloneCluster.MNIST + "; skipped (the 98% bar needs it)");
        cluster = StandaloneCluster.up("executor-loss-it", 2);
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster != null) {
            cluster.down();
        }
    }

    @Test
    void jobSurvivesAnExecutorKilledMidEpochAndStillReaches98Percent() throws Exception {
        Path work = cluster.work;
        Path events = work.resolve("events");
        Path output = work.resolve("runs").resolve("mnist");
        Map<String, String> env = Map.of("SPARK_CONF_DIR", cluster.eventLogConf(events).toString(),
                "SPARKNET_DRIVER_MEMORY", "2g", "SPARKNET_EXECUTOR_MEMORY", "1536m", "SPARKNET_EXECUTOR_OFFHEAP", "1g",
                "SPARKNET_TOTAL_EXECUTOR_CORES", "2");
        StandaloneCluster.Started job = cluster.start(work.resolve("train"), env, "submit/local.sh", "mnist",
                "--master", cluster.masterUrl(), "--data", StandaloneCluster.MNIST.toString(), "--output", output.toString());

        // Epoch 1 is logged once it is trained and scored; epoch 2 is then being trained.
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (!job.stdoutSoFar().contains("epoch 1/6:")) {
            assertTrue(job.process().isAlive(), "the job ended before epoch 1:\n" + Files.readString(job.stderr()));
            assertTrue(System.nanoTime() < deadline, "no 'epoch 1/6' within 6 minutes:\n" + job.stdoutSoFar());
            Thread.sleep(200);
        }
        Thread.sleep(1500); // an epoch takes ~5-10 s on this cluster
        Map<String, Long> executors = cluster.executorProcesses();
        assertEquals(2, executors.size(), "executor JVMs of the application: " + executors);
        assertFalse(job.stdoutSoFar().contains("epoch 2/6:"), "epoch 2 ended before the kill; too late to test");
        String victim = executors.keySet().iterator().next();
        ProcessHandle process = ProcessHandle.of(executors.get(victim)).orElseThrow();
        // ProcessHandle.destroyForcibly is SIGKILL on Linux: no shutdown hooks, as when a machine dies
        assertTrue(process.destroyForcibly(), "could not kill executor " + victim);
        process.onExit().get();
        long killedAt = System.nanoTime();

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
        String lostId = victim.substring(victim.indexOf('/') + 1);
        assertTrue(log.executorsRemoved().containsKey(lostId), "executor " + lostId + " never removed: " + log.order());
        List<String> order = log.order();
        int removedAt = order.indexOf("removed:" + lostId);
        assertTrue(order.subList(removedAt + 1, order.size()).stream().anyMatch(e -> e.startsWith("added:")),
                "no executor added after " + lostId + " was removed: " + order);
        assertTrue(log.executorsAdded().size() >= 3, "executors: " + log.order());
        System.out.printf("ExecutorLossIT: killed executor %s (pid %d) mid epoch 2; removed (%s); events %s; "
                        + "tasks lost with it: %s; tasks per executor %s; job finished %.0f s later; test accuracy %.4f%n",
                victim, process.pid(), log.executorsRemoved().get(lostId), order, log.executorLostTasks(),
                log.tasksByExecutor(), (System.nanoTime() - killedAt) / 1e9, accuracy);
    }
}
