package dev.sparknet.submit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparknet.artifacts.ModelStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * submit/yarn.sh against a real YARN: a MiniYARNCluster (a ResourceManager and a NodeManager) with a
 * MiniDFSCluster, all on 127.0.0.1. No Spark installation: yarn.sh runs Spark's SparkSubmit from the build and
 * gives the containers Spark's runtime (spark.yarn.jars). `mnist` reads its data from HDFS and publishes to HDFS,
 * once in cluster deploy mode, once in client mode with an executor container killed while it runs a task.
 * Two applications, not three: each costs a minute or more of container start-up on this machine.
 */
class YarnIT {
    static final Path HOME = StandaloneCluster.HOME;
    static final Path MNIST = StandaloneCluster.MNIST;
    static final String YARN_EXECUTOR_CLASS = "org.apache.spark.executor.YarnCoarseGrainedExecutorBackend";
    static Path work;
    static MiniYarn cluster;
    static String data;

    @BeforeAll
    static void up() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(MNIST.resolve("train-images-idx3-ubyte.gz")),
                "real MNIST not found at " + MNIST + "; skipped");
        Assumptions.assumeTrue(Files.isRegularFile(HOME.resolve("target/spark-yarn-jars.txt")),
                "target/spark-yarn-jars.txt missing: run after mvn package");
        work = Files.createTempDirectory(Files.createDirectories(HOME.resolve("target")), "yarn-it-");
        long t0 = System.nanoTime();
        cluster = MiniYarn.start(work, 1);
        try (Stream<Path> files = Files.list(MNIST)) {
            data = cluster.put("/datasets/mnist", files.filter(f -> f.getFileName().toString().contains("-ubyte")).toList());
        }
        System.out.printf("YarnIT: ResourceManager %s, HDFS %s, up in %.1f s%n", cluster.resourceManager(),
                cluster.hdfs.root(), (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * yarn.sh started with this test's cluster configuration; the application carries {@code tag}. {@code sparkConf}
     * lines go into the spark-defaults.conf of the submission.
     */
    static StandaloneCluster.Started submit(String tag, Map<String, String> extraEnv, List<String> sparkConf,
                                            String... args) throws IOException {
        Path dir = Files.createDirectories(work.resolve(tag));
        Path confDir = Files.createDirectories(dir.resolve("spark-conf"));
        Path events = Files.createDirectories(dir.resolve("events"));
        String javaHome = System.getProperty("java.home");
        // Settings of this machine, not of the job: where Java is on the nodes, that containers listen on the
        // loopback interface only, a tag to find the application by, and event logs to read afterwards.
        List<String> defaults = new ArrayList<>(List.of(
                "spark.yarn.tags " + tag,
                "spark.yarn.appMasterEnv.JAVA_HOME " + javaHome,
                "spark.executorEnv.JAVA_HOME " + javaHome,
                "spark.yarn.appMasterEnv.SPARK_LOCAL_IP 127.0.0.1",
                "spark.executorEnv.SPARK_LOCAL_IP 127.0.0.1",
                "spark.eventLog.enabled true",
                "spark.eventLog.dir " + events.toUri()));
        defaults.addAll(sparkConf);
        Files.write(confDir.resolve("spark-defaults.conf"), defaults);
        List<String> command = new ArrayList<>(List.of("bash", HOME.resolve("submit/yarn.sh").toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(HOME.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.remove("SPARK_HOME");
        env.put("HADOOP_CONF_DIR", cluster.confDir.toString());
        env.put("SPARK_CONF_DIR", confDir.toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARKNET_EXECUTORS", "2");
        env.put("SPARKNET_EXECUTOR_MEMORY", "1g");
        env.put("SPARKNET_EXECUTOR_OFFHEAP", "512m");
        env.put("SPARKNET_DRIVER_MEMORY", "1g");
        env.putAll(extraEnv);
        return new StandaloneCluster.Started(pb.start(), out, err, command);
    }

    static String stderrTail(StandaloneCluster.Run run) {
        List<String> lines = run.stderr().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** FINISHED / SUCCEEDED in YARN's own report, metrics.json on HDFS, and a model.zip that loads from HDFS. */
    static JsonNode assertSucceeded(String tag, StandaloneCluster.Run run, String output, long parameters) throws Exception {
        ApplicationReport report = cluster.finalReport(tag, Duration.ofMinutes(1));
        String context = report.getApplicationId() + " " + report.getDiagnostics() + "\n" + stderrTail(run);
        assertEquals(0, run.exitCode(), context);
        assertEquals(YarnApplicationState.FINISHED, report.getYarnApplicationState(), context);
        assertEquals(FinalApplicationStatus.SUCCEEDED, report.getFinalApplicationStatus(), context);
        Configuration conf = new Configuration();
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(output + "/metrics.json");
        JsonNode metrics;
        try (InputStream in = file.getFileSystem(conf).open(file)) {
            metrics = StandaloneCluster.JSON.readTree(in);
        }
        MultiLayerNetwork model = ModelStore.load(output + "/" + ModelStore.MODEL_FILE, conf);
        assertEquals(parameters, model.numParams());
        System.out.printf("YarnIT %s: %s %s / %s, test accuracy %.4f, model.zip of %d parameters loaded from %s%n", tag,
                report.getApplicationId(), report.getYarnApplicationState(), report.getFinalApplicationStatus(),
                metrics.get("test_accuracy").asDouble(), model.numParams(), output);
        return metrics;
    }

    /**
     * Cluster mode: the driver runs in YARN's application master, yarn.sh only submits and waits. Without
     * SPARK_HOME or SPARKNET_YARN_JARS, yarn.sh stages the build's Spark jars and the job jar with the application.
     */
    @Test
    void clusterModeTrainsFromHdfsToHdfs() throws Exception {
        String tag = "sparknet-cluster";
        String output = cluster.hdfs.root() + "/runs/cluster";
        long t0 = System.nanoTime();
        StandaloneCluster.Run run = submit(tag, Map.of("SPARKNET_DEPLOY_MODE", "cluster"), List.of(),
                "mnist", "--data", data, "--output", output, "--epochs", "1", "--hidden", "128",
                "--train-limit", "6000", "--test-limit", "1000", "--averaging-frequency", "5")
                .await(Duration.ofMinutes(8));
        JsonNode metrics = assertSucceeded(tag, run, output, 784L * 128 + 128 + 128 * 10 + 10);
        assertTrue(metrics.get("test_accuracy").asDouble() > 0.8, metrics.toString());
        assertFalse(run.stdout().contains("test accuracy"), "the driver must not run in yarn.sh's JVM:\n" + run.stdout());
        System.out.printf("YarnIT cluster mode: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Client mode (the driver in yarn.sh's JVM), with one executor container killed (SIGKILL, as when a node dies)
     * while it runs a training task: YARN reports the container gone, Spark reruns the task on the other executor,
     * and the application still ends FINISHED / SUCCEEDED. Spark's jars are given as local: paths (as on nodes with
     * Spark installed), so that only the job jar is staged.
     */
    @Test
    void clientModeSurvivesAnExecutorContainerKilledMidTask() throws Exception {
        String tag = "sparknet-client-executor-loss";
        String output = cluster.hdfs.root() + "/runs/client";
        DriverRestApi driver = DriverRestApi.onFreePort();
        String sparkJarsOnNodes = String.join(",", Stream.of(Files.readString(HOME.resolve("target/spark-yarn-jars.txt"))
                .trim().split(",")).map(jar -> "local:" + jar).toList());
        long t0 = System.nanoTime();
        // 24,000 images in batches of 256: 94 per epoch, one averaging round of 47 per worker, so that training
        // tasks last seconds and a kill lands in one
        StandaloneCluster.Started job = submit(tag, Map.of("SPARKNET_DEPLOY_MODE", "client",
                        "SPARKNET_YARN_JARS", sparkJarsOnNodes), List.of(driver.sparkConf()),
                "mnist", "--data", data, "--output", output, "--epochs", "3", "--train-limit", "24000",
                "--test-limit", "1000", "--averaging-frequency", "47");
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        job.awaitStdout("DistributedRun: network", deadline);
        String appId = cluster.applications(tag).get(0).getApplicationId().toString();
        driver.executors(appId); // Spark's REST API takes seconds to answer its first request: not in epoch 2
        job.awaitStdout("epoch 1/3:", deadline);
        Map<String, Long> executors = executorProcesses(appId);
        assertEquals(2, executors.size(), "executor containers of " + appId + ": " + executors);
        String victim = driver.executorRunningATask(appId, deadline);
        ProcessHandle process = ProcessHandle.of(executors.get(victim)).orElseThrow();
        assertTrue(process.destroyForcibly(), "could not kill executor " + victim);
        process.onExit().get();
        long killedAt = System.nanoTime();
        assertFalse(job.stdoutSoFar().contains("epoch 3/3:"), "training ended before the kill; too late to test");

        StandaloneCluster.Run run = job.await(Duration.ofMinutes(6));
        JsonNode metrics = assertSucceeded(tag, run, output, 784L * 1568 + 1568 + 1568 * 10 + 10);
        assertEquals(3, metrics.get("epochs").size());
        assertTrue(metrics.get("test_accuracy").asDouble() > 0.9, metrics.toString());
        assertTrue(run.stdout().contains("test accuracy"), "the driver runs in yarn.sh's JVM:\n" + run.stdout());

        Path log;
        try (Stream<Path> files = Files.list(work.resolve(tag).resolve("events"))) {
            log = files.filter(f -> f.getFileName().toString().startsWith(appId)).findFirst().orElseThrow();
        }
        StandaloneCluster.EventLog events = StandaloneCluster.EventLog.read(log);
        assertTrue(events.executorsRemoved().containsKey(victim), "executor " + victim + " never removed: " + events.order());
        assertTrue(events.executorsRemoved().get(victim).contains("137"),
                "YARN must report the container killed (exit 137): " + events.executorsRemoved().get(victim));
        assertFalse(events.executorLostTasks().isEmpty(), "the kill must have cost a running task: " + events.order());
        System.out.printf("YarnIT executor loss: killed executor %s (pid %d) running a task in epoch 2; removed (%s);"
                        + " executors %s; tasks lost with it %s, rerun; job finished %.0f s later; %.1f s in all%n",
                victim, process.pid(), events.executorsRemoved().get(victim).lines().findFirst().orElse(""),
                events.order(), events.executorLostTasks(), (System.nanoTime() - killedAt) / 1e9,
                (System.nanoTime() - t0) / 1e9);
    }

    /** Executor JVMs of this application now running (YARN containers): executor id -> pid. */
    static Map<String, Long> executorProcesses(String appId) {
        Map<String, Long> found = new TreeMap<>();
        ProcessHandle.allProcesses().forEach(p -> {
            List<String> args = List.of(p.info().arguments().orElse(new String[0]));
            if (args.contains(YARN_EXECUTOR_CLASS) && appId.equals(StandaloneCluster.argAfter(args, "--app-id"))) {
                found.put(StandaloneCluster.argAfter(args, "--executor-id"), p.pid());
            }
        });
        return found;
    }
}
