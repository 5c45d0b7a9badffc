package dev.sparknet.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparknet.RealMnist;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A local Spark standalone cluster of one test class, made by submit/cluster.sh: master and workers on free
 * ports, in a private work folder under target/ (logs of a failed run stay for inspection), torn down by
 * {@link #down()} and, should the test JVM be stopped, by a shutdown hook. Also runs the submit/ scripts with
 * the cluster's environment and reads what Spark and the operating system say about it.
 */
final class StandaloneCluster {
    static final Path HOME = Path.of(System.getProperty("sparknet.home", ".")).toAbsolutePath();
    static final Path MNIST = RealMnist.dir();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

    final Path work;
    final Path clusterDir;
    final int masterPort;
    final int masterWebUiPort;
    final Map<String, String> env;
    private final Thread teardownHook;

    private StandaloneCluster(String name, int workers) throws IOException {
        work = Files.createTempDirectory(Files.createDirectories(HOME.resolve("target")), name + "-");
        clusterDir = work.resolve("cluster");
        masterPort = freePort();
        masterWebUiPort = freePort();
        env = Map.of(
                "SPARKNET_CLUSTER_DIR", clusterDir.toString(),
                "SPARKNET_MASTER_PORT", Integer.toString(masterPort),
                "SPARKNET_MASTER_WEBUI_PORT", Integer.toString(masterWebUiPort),
                "SPARKNET_WORKER_WEBUI_PORT", "0",
                "SPARKNET_WORKERS", Integer.toString(workers),
                "SPARKNET_WORKER_CORES", "1",
                "SPARKNET_WORKER_MEMORY", "2g");
        teardownHook = new Thread(this::downQuietly, "sparknet-cluster-down");
    }

    /**
     * A cluster for a whole test class, up before its first test and down after its last (pass or fail); test
     * methods take it as a parameter:
     * <pre>
     * &#64;RegisterExtension
     * static final StandaloneCluster.PerClass CLUSTER = StandaloneCluster.perClass("foo-it", 2);
     * &#64;Test void bar(StandaloneCluster cluster) { ... }
     * </pre>
     */
    static PerClass perClass(String name, int workers) {
        return new PerClass(name, workers, Map.of(), false);
    }

    record PerClass(String name, int workers, Map<String, String> upEnv, boolean needsRealMnist)
            implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PerClass.class);

        /** With {@code upEnv} in cluster.sh up's environment (e.g. SPARKNET_ENCRYPT=1). */
        PerClass withUpEnv(Map<String, String> env) {
            return new PerClass(name, workers, env, needsRealMnist);
        }

        /** The class is skipped, saying so and before any cluster starts, when the real MNIST files are absent. */
        PerClass needingRealMnist() {
            return new PerClass(name, workers, upEnv, true);
        }

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            if (needsRealMnist) {
                Assumptions.assumeTrue(RealMnist.present(), "real MNIST not found at " + MNIST + "; skipped");
            }
            context.getStore(NAMESPACE).put(name, up(name, workers, upEnv));
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            StandaloneCluster cluster = context.getStore(NAMESPACE).remove(name, StandaloneCluster.class);
            if (cluster != null) {
                cluster.down();
            }
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == StandaloneCluster.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getStore(NAMESPACE).get(name, StandaloneCluster.class);
        }
    }

    /** Brings up a master and {@code workers} one-core workers; fails the caller when cluster.sh up fails. */
    static StandaloneCluster up(String name, int workers) throws Exception {
        return up(name, workers, Map.of());
    }

    /** As {@link #up(String, int)}, with {@code upEnv} in cluster.sh up's environment only (e.g. SPARKNET_ENCRYPT). */
    static StandaloneCluster up(String name, int workers, Map<String, String> upEnv) throws Exception {
        StandaloneCluster cluster = new StandaloneCluster(name, workers);
        Runtime.getRuntime().addShutdownHook(cluster.teardownHook);
        Run up = cluster.run(cluster.work.resolve("up"), Duration.ofMinutes(3), upEnv, "submit/cluster.sh", "up");
        assertEquals(0, up.exitCode(), "cluster.sh up failed:\n" + up.stdout() + up.stderr());
        return cluster;
    }

    /** cluster.sh down, then checks that no process of the cluster is left and its folder is gone. */
    void down() throws Exception {
        try {
            Run down = run(work.resolve("down"), Duration.ofMinutes(2), "submit/cluster.sh", "down");
            assertEquals(0, down.exitCode(), down.stderr());
            assertEquals(List.of(), clusterProcesses(), "processes of the cluster left after cluster.sh down");
            assertTrue(!Files.exists(clusterDir), "cluster.sh down must remove its work folder " + clusterDir);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(teardownHook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    JsonNode masterJson() throws IOException, InterruptedException {
        return JSON.readTree(http("http://127.0.0.1:" + masterWebUiPort + "/json/"));
    }

    /**
     * A spark-defaults.conf for drivers that writes event logs into {@code events}, plus {@code more} lines; returns
     * its folder.
     */
    Path eventLogConf(Path events, String... more) throws IOException {
        Files.createDirectories(events);
        Path conf = Files.createDirectories(work.resolve("spark-conf"));
        List<String> lines = new ArrayList<>(List.of("spark.eventLog.enabled true", "spark.eventLog.dir " + events.toUri()));
        lines.addAll(List.of(more));
        Files.write(conf.resolve("spark-defaults.conf"), lines);
        return conf;
    }

    /** The finished event logs (app-*) in a folder. */
    static List<Path> eventLogs(Path events) throws IOException {
        try (Stream<Path> files = Files.list(events)) {
            return files.filter(f -> f.getFileName().toString().startsWith("app-")).toList();
        }
    }

    /** Samples the executor JVMs of this cluster until closed (while a job runs). */
    ExecutorSampler sampleExecutors() {
        return new ExecutorSampler(this);
    }

    /** Executor JVMs of this cluster now running: "appId/executorId" -> pid. */
    Map<String, Long> executorProcesses() {
        Map<String, Long> found = new TreeMap<>();
        ProcessHandle.allProcesses().forEach(p -> {
            List<String> args = List.of(p.info().arguments().orElse(new String[0]));
            if (args.contains(EXECUTOR_CLASS) && String.join(" ", args).contains(clusterDir.toString())) {
                found.put(argAfter(args, "--app-id") + "/" + argAfter(args, "--executor-id"), p.pid());
            }
        });
        return found;
    }

    /** Every process (master, worker, executor) whose command line names this cluster's folder. */
    List<String> clusterProcesses() {
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

    /** A submit/ script started, not waited for: its stdout and stderr go to files in {@code dir}. */
    record Started(Process process, Path stdout, Path stderr, List<String> command) {
        String stdoutSoFar() throws IOException {
            return Files.readString(stdout, StandardCharsets.UTF_8);
        }

        /** Waits until stdout holds {@code text}; fails if the process ends first or the deadline (nanoTime) passes. */
        void awaitStdout(String text, long deadline) throws IOException, InterruptedException {
            while (!stdoutSoFar().contains(text)) {
                assertTrue(process.isAlive(), "the job ended before '" + text + "':\n" + Files.readString(stderr));
                assertTrue(System.nanoTime() < deadline, "no '" + text + "' in time:\n" + stdoutSoFar());
                Thread.sleep(100);
            }
        }

        Run await(Duration timeout) throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout + "; stderr:\n"
                        + Files.readString(stderr));
            }
            return new Run(process.exitValue(), process.pid(), Files.readString(stdout), Files.readString(stderr));
        }
    }

    Run run(Path dir, Duration timeout, String... command) throws IOException, InterruptedException {
        return run(dir, timeout, Map.of(), command);
    }

    /** Runs a script of submit/ (relative to the project) with the cluster's environment plus {@code extra}. */
    Run run(Path dir, Duration timeout, Map<String, String> extra, String... command)
            throws IOException, InterruptedException {
        return start(dir, extra, command).await(timeout);
    }

    Started start(Path dir, Map<String, String> extra, String... command) throws IOException {
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of("bash", HOME.resolve(command[0]).toString()));
        cmd.addAll(List.of(command).subList(1, command.length));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(HOME.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> environment = new HashMap<>(env);
        environment.putAll(extra);
        pb.environment().putAll(environment);
        return new Started(pb.start(), out, err, List.of(command));
    }

    private void downQuietly() {
        try {
            run(work.resolve("down-hook"), Duration.ofMinutes(1), "submit/cluster.sh", "down");
        } catch (Exception | AssertionError ignored) {
            // the JVM is going away; nothing more can be done
        }
    }

    /**
     * What a Spark event log says about executors: which registered (with their info), which were removed
     * (with the reason), how many tasks each ran, and the tasks that failed because their executor was lost.
     * {@code order} lists "added:ID" and "removed:ID" in the order of the log.
     */
    record EventLog(String appId, Map<String, JsonNode> executorsAdded, Map<String, String> executorsRemoved,
                    Map<String, Integer> tasksByExecutor, List<String> executorLostTasks, List<String> order) {
        static EventLog read(Path file) throws IOException {
            String appId = null;
            Map<String, JsonNode> added = new TreeMap<>();
            Map<String, String> removed = new TreeMap<>();
            Map<String, Integer> tasks = new TreeMap<>();
            List<String> lost = new ArrayList<>();
            List<String> order = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode e = JSON.readTree(line);
                switch (e.get("Event").asText()) {
                    case "SparkListenerApplicationStart" -> appId = e.get("App ID").asText();
                    case "SparkListenerExecutorAdded" -> {
                        added.put(e.get("Executor ID").asText(), e.get("Executor Info"));
                        order.add("added:" + e.get("Executor ID").asText());
                    }
                    case "SparkListenerExecutorRemoved" -> {
                        removed.put(e.get("Executor ID").asText(), e.path("Removed Reason").asText());
                        order.add("removed:" + e.get("Executor ID").asText());
                    }
                    case "SparkListenerTaskEnd" -> {
                        String reason = e.at("/Task End Reason/Reason").asText();
                        if ("Success".equals(reason)) {
                            tasks.merge(e.at("/Task Info/Executor ID").asText(), 1, Integer::sum);
                        } else if ("ExecutorLostFailure".equals(reason)) {
                            lost.add("stage " + e.get("Stage ID").asText() + " task " + e.at("/Task Info/Index").asText()
                                    + " on executor " + e.at("/Task Info/Executor ID").asText());
                        }
                    }
                    default -> {
                    }
                }
            }
            assertNotNull(appId, "no SparkListenerApplicationStart in " + file);
            return new EventLog(appId, added, removed, tasks, lost, order);
        }
    }
}
