package dev.sparknet.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparknet.data.QuadrantDigits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end on a real Spark standalone cluster: submit/cluster.sh brings up a master and two
 * one-core workers (each its own JVM, on free ports, in a private work folder), submit/local.sh submits
 * `mnist` on a slice of MNIST through SparkSubmit, and the evidence that the work was distributed comes
 * from Spark and the operating system, not from the job: the application's event log (which executors
 * ran tasks), the process table (each of those executors a separate JVM) and the master's JSON status
 * (two alive workers, the application FINISHED). The cluster is torn down after the class, pass or fail,
 * and also by a shutdown hook should the test JVM be stopped.
 */
class ClusterIT {
    static final Path HOME = Path.of(System.getProperty("sparknet.home", ".")).toAbsolutePath();
    static final Path MNIST = Path.of(System.getProperty("sparknet.mnist.dir", "../shared/datasets/mnist"));
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

    static Path work;
    static Path clusterDir;
    static int masterPort;
    static int masterWebUiPort;
    static Map<String, String> clusterEnv;
    static Thread teardownHook;

    @BeforeAll
    static void up() throws Exception {
        // under target/: logs of a failed run stay for inspection, `mvn clean` removes them
        work = Files.createTempDirectory(Files.createDirectories(HOME.resolve("target")), "cluster-it-");
        clusterDir = work.resolve("cluster");
        masterPort = freePort();
        masterWebUiPort = freePort();
        clusterEnv = Map.of(
                "SPARKNET_CLUSTER_DIR", clusterDir.toString(),
                "SPARKNET_MASTER_PORT", Integer.toString(masterPort),
                "SPARKNET_MASTER_WEBUI_PORT", Integer.toString(masterWebUiPort),
                "SPARKNET_WORKER_WEBUI_PORT", "0",
                "SPARKNET_WORKERS", "2",
                "SPARKNET_WORKER_CORES", "1",
                "SPARKNET_WORKER_MEMORY", "2g");
        teardownHook = new Thread(ClusterIT::downQuietly, "sparknet-cluster-it-down");
        Runtime.getRuntime().addShutdownHook(teardownHook);
        Run up = run(work.resolve("up"), Duration.ofMinutes(3), "submit/cluster.sh", "up");
        assertEquals(0, up.exitCode(), "cluster.sh up failed:\n" + up.stdout() + up.stderr());
    }

    @AfterAll
    static void down() throws Exception {
        if (clusterEnv == null) {
            return;
        }
        try {
            Run down = run(work.resolve("down"), Duration.ofMinutes(2), "submit/cluster.sh", "down");
            assertEquals(0, down.exitCode(), down.stderr());
            assertEquals(List.of(), clusterProcesses(), "processes of the cluster left after cluster.sh down");
            assertTrue(!Files.exists(clusterDir), "cluster.sh down must remove its work folder " + clusterDir);
        } finally {
            Runtime.getRuntime().removeShutdownHook(teardownHook);
        }
    }

    @Test
    void mnistTrainsOnTwoExecutorsInSeparateJvmsOfTheStandaloneCluster() throws Exception {
        Path data = MNIST;
        boolean real = Files.isRegularFile(MNIST.resolve("train-images-idx3-ubyte.gz"));
        if (!real) {
            // No real MNIST here: the cluster is still proven, on the synthetic look-alike.
            data = Files.createDirectories(work.resolve("quadrants"));
            QuadrantDigits.write(data, 2000, 400, 4, 7);
        }
        Path events = Files.createDirectories(work.resolve("events"));
        Path conf = Files.createDirectories(work.resolve("spark-conf"));
        Files.writeString(conf.resolve("spark-defaults.conf"),
                "spark.eventLog.enabled true\nspark.eventLog.dir " + events.toUri() + "\n");
        Path output = work.resolve("runs").resolve("cluster");

        // Sample the process table while the job runs: executor id -> pid of its JVM.
        Map<String, Long> executorPids = new ConcurrentHashMap<>();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                executorProcesses().forEach(executorPids::putIfAbsent);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "executor-sampler");
        sampler.setDaemon(true);
        sampler.start();

        List<String> args = new ArrayList<>(List.of("submit/local.sh", "mnist",
                "--master", "spark://127.0.0.1:" + masterPort, "--data", data.toString(), "--output", output.toString(),
                "--epochs", "2", "--averaging-frequency", "10"));
        args.addAll(real ? List.of("--hidden", "256", "--train-limit", "12000", "--test-limit", "2000")
                : List.of("--hidden", "32", "--batch", "32", "--learning-rate", "0.01"));
        Map<String, String> env = Map.of("SPARK_CONF_DIR", conf.toString(), "SPARKNET_DRIVER_MEMORY", "2g",
                "SPARKNET_EXECUTOR_MEMORY", "1536m", "SPARKNET_EXECUTOR_OFFHEAP", "1g",
                "SPARKNET_TOTAL_EXECUTOR_CORES", "2");
        Run train;
        try {
            train = run(work.resolve("train"), Duration.ofMinutes(10), env, args.toArray(String[]::new));
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        assertEquals(0, train.exitCode(), "the job failed on the cluster:\n" + train.stderr());

        // Accuracy, from the published metrics.
        JsonNode metrics = JSON.readTree(output.resolve("metrics.json").toFile());
        double accuracy = metrics.get("test_accuracy").asDouble();
        // seeded, so reproducible: 89.3% after epoch 1 and 90.6% after epoch 2 on this slice of MNIST
        assertTrue(accuracy >= 0.85, "test accuracy " + accuracy + " on the cluster (" + (real ? "MNIST" : "synthetic") + ")");
        assertTrue(Files.isRegularFile(output.resolve("model.zip")));
        assertTrue(metrics.at("/provenance/spark_master").asText().startsWith("spark://"), metrics.at("/provenance").toString());

        // Spark's own record: the event log of the application.
        List<Path> logs;
        try (Stream<Path> files = Files.list(events)) {
            logs = files.filter(f -> f.getFileName().toString().startsWith("app-")).toList();
        }
        assertEquals(1, logs.size(), "one finished event log expected in " + events + ": " + logs);
        assertTrue(!logs.get(0).toString().endsWith(".inprogress"), "the application did not finish: " + logs);
        EventLog log = EventLog.read(logs.get(0));
        assertEquals(2, log.executorsAdded.size(), "executors registered: " + log.executorsAdded);
        assertEquals(log.executorsAdded.keySet(), log.tasksByExecutor.keySet(),
                "both executors must run tasks; tasks per executor: " + log.tasksByExecutor);
        assertTrue(log.tasksByExecutor.values().stream().allMatch(n -> n >= 2), "tasks per executor: " + log.tasksByExecutor);
        assertTrue(!log.tasksByExecutor.containsKey("driver"), "no task may run in the driver");
        Set<String> workers = log.executorsAdded.values().stream().map(ClusterIT::workerOf).collect(Collectors.toSet());
        assertEquals(2, workers.size(), "each executor on its own worker (from their log URLs): " + log.executorsAdded);

        // The operating system's record: each executor that ran tasks was its own JVM, neither the driver.
        List<Long> pids = new ArrayList<>();
        for (String id : log.tasksByExecutor.keySet()) {
            Long pid = executorPids.get(log.appId + "/" + id);
            assertNotNull(pid, "no process seen for executor " + id + " of " + log.appId + "; seen: " + executorPids);
            assertNotEquals(train.pid(), pid, "executor " + id + " ran in the driver's JVM");
            pids.add(pid);
        }
        assertEquals(pids.size(), Set.copyOf(pids).size(), "executors shared a JVM: " + executorPids);

        // The master's view: two alive workers, the application completed.
        JsonNode master = JSON.readTree(http("http://127.0.0.1:" + masterWebUiPort + "/json/"));
        assertEquals(2, master.get("aliveworkers").asInt(), master.toString());
        assertEquals(2, master.get("cores").asInt(), master.toString());
        JsonNode app = null;
        for (JsonNode a : master.get("completedapps")) {
            if (a.get("id").asText().equals(log.appId)) {
                app = a;
            }
        }
        assertNotNull(app, "application " + log.appId + " not among the master's completed apps: " + master);
        assertEquals("FINISHED", app.get("state").asText(), app.toString());
        assertEquals(0, master.get("activeapps").size(), master.toString());

        Run status = run(work.resolve("status"), Duration.ofMinutes(1), "submit/cluster.sh", "status");
        assertEquals(0, status.exitCode(), status.stderr());
        assertTrue(status.stdout().contains("workers  2 alive of 2"), status.stdout());
        assertTrue(status.stdout().contains(log.appId) && status.stdout().contains("FINISHED"), status.stdout());
    }

    /** What a Spark event log says about executors: which registered (with their info) and how many tasks each ran. */
    record EventLog(String appId, Map<String, JsonNode> executorsAdded, Map<String, Integer> tasksByExecutor) {
        static EventLog read(Path file) throws IOException {
            String appId = null;
            Map<String, JsonNode> added = new TreeMap<>();
            Map<String, Integer> tasks = new TreeMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode e = JSON.readTree(line);
                switch (e.get("Event").asText()) {
                    case "SparkListenerApplicationStart" -> appId = e.get("App ID").asText();
                    case "SparkListenerExecutorAdded" -> added.put(e.get("Executor ID").asText(), e.get("Executor Info"));
                    case "SparkListenerTaskEnd" -> {
                        if ("Success".equals(e.at("/Task End Reason/Reason").asText())) {
                            tasks.merge(e.at("/Task Info/Executor ID").asText(), 1, Integer::sum);
                        }
                    }
                    default -> {
                    }
                }
            }
            assertNotNull(appId, "no SparkListenerApplicationStart in " + file);
            return new EventLog(appId, added, tasks);
        }
    }

    /** The worker an executor ran on: its log URLs point at that worker's web UI. */
    static String workerOf(JsonNode executorInfo) {
        URI stderr = URI.create(executorInfo.at("/Log Urls/stderr").asText());
        return stderr.getHost() + ":" + stderr.getPort();
    }

    /** Executor JVMs of this test's cluster now running: "appId/executorId" -> pid. */
    static Map<String, Long> executorProcesses() {
        Map<String, Long> found = new TreeMap<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String[] a = p.info().arguments().orElse(new String[0]);
            List<String> args = List.of(a);
            if (args.contains(EXECUTOR_CLASS) && String.join(" ", args).contains(clusterDir.toString())) {
                found.put(argAfter(args, "--app-id") + "/" + argAfter(args, "--executor-id"), p.pid());
            }
        });
        return found;
    }

    /** Every process (master, worker, executor) whose command line names this test's cluster folder. */
    static List<String> clusterProcesses() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(clusterDir.toString()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .toList();
    }

    static String argAfter(List<String> args, String flag) {
        int i = args.indexOf(flag);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : "?";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    static String http(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url);
        return r.body();
    }

    record Run(int exitCode, long pid, String stdout, String stderr) {
    }

    static Run run(Path dir, Duration timeout, String... command) throws IOException, InterruptedException {
        return run(dir, timeout, Map.of(), command);
    }

    /** Runs a script of submit/ (relative to the project) with the cluster's environment plus {@code env}. */
    static Run run(Path dir, Duration timeout, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of("bash", HOME.resolve(command[0]).toString()));
        cmd.addAll(List.of(command).subList(1, command.length));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(HOME.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(clusterEnv);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout + "; stderr:\n"
                    + Files.readString(err));
        }
        return new Run(p.exitValue(), p.pid(), Files.readString(out), Files.readString(err));
    }

    static void downQuietly() {
        try {
            run(work.resolve("down-hook"), Duration.ofMinutes(1), "submit/cluster.sh", "down");
        } catch (Exception | AssertionError ignored) {
            // the JVM is going away; nothing more can be done
        }
    }
}
