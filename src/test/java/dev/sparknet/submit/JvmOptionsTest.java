package dev.sparknet.submit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * conf/jvm-options is the one list of Java 17 module openings: the test JVMs (pom.xml), the submit scripts
 * (common.sh) and the Airflow DAG (through submit/yarn.sh) all get theirs from it, and nothing else spells one out.
 * The scripts run with a stand-in {@code java} that records its command line, so no jar or cluster is needed.
 */
class JvmOptionsTest {
    static final Path HOME = Path.of("").toAbsolutePath();
    static final Path OPTIONS = HOME.resolve("conf/jvm-options");

    static List<String> options() throws IOException {
        return Files.readAllLines(OPTIONS).stream().map(l -> l.replaceAll("#.*", "").strip())
                .filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void theListHoldsOneModuleOpeningPerLineIncludingTheOneKryoNeeds() throws IOException {
        List<String> options = options();
        assertEquals(15, options.size(), options.toString());
        options.forEach(o -> assertTrue(o.matches("--add-(opens|exports)=[\\w.]+/[\\w.]+=ALL-UNNAMED"), o));
        assertTrue(options.contains("--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"));
    }

    @Test
    void thisTestJvmWasStartedWithTheList() throws IOException {
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String option : options()) {
            assertTrue(jvmArgs.contains(option), option + " missing from " + jvmArgs);
        }
    }

    @Test
    void noOtherFileSpellsOutAnOpening() throws IOException {
        try (Stream<Path> submit = Files.list(HOME.resolve("submit"))) {
            for (Path file : Stream.concat(submit, Stream.of(HOME.resolve("pom.xml"))).toList()) {
                assertFalse(Files.readString(file).contains("--add-opens="), file + " has its own copy of the list");
            }
        }
    }

    @Test
    void commonShReadsTheList() throws Exception {
        String opens = run(List.of("bash", "-c", ". submit/common.sh && printf %s \"$JAVA17_OPENS\""), HOME, Map.of());
        assertEquals(String.join(" ", options()), opens);
    }

    @Test
    void localModeDriverGetsTheListAndOneNativeThread(@TempDir Path tmp) throws Exception {
        Path home = fakeCheckout(tmp);
        run(List.of("bash", "submit/local.sh", "mnist", "--data", "d"), home, withFakeJava(tmp, Map.of()));
        List<String> java = Files.readAllLines(tmp.resolve("java.args"));
        assertTrue(java.containsAll(options()), java.toString());
        assertEquals("OMP_NUM_THREADS=1", Files.readString(tmp.resolve("java.env")).strip());
        assertExecutorSettings(java);
    }

    @Test
    void airflowDagRunsTheYarnScriptAndSoGetsEverythingItSets(@TempDir Path tmp) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3: the DAG was not loaded");
        Path airflow = Files.createDirectories(tmp.resolve("stubs/airflow/operators")).getParent();
        Files.writeString(airflow.resolve("__init__.py"), """
                class DAG:
                    def __init__(self, **kw): pass
                    def __enter__(self): return self
                    def __exit__(self, *a): pass
                """);
        Files.writeString(airflow.resolve("operators/__init__.py"), "");
        Files.writeString(airflow.resolve("operators/bash.py"), """
                CREATED = []
                class BashOperator:
                    def __init__(self, **kw): CREATED.append(kw)
                """);
        String loader = """
                import runpy, sys
                dag = runpy.run_path(sys.argv[1])
                from airflow.operators.bash import CREATED
                assert len(CREATED) == 1, CREATED
                task = CREATED[0]
                assert task["skip_on_exit_code"] == 3 and task["append_env"], task
                print(task["bash_command"].replace("cd " + dag["SPARKNET_HOME"] + " ", "cd " + sys.argv[2] + " ", 1))
                for k, v in task["env"].items(): print(k + "=" + v)
                """;
        Path home = fakeCheckout(tmp);
        List<String> dag = run(List.of(python.toString(), "-c", loader, HOME.resolve("submit/airflow_retrain_dag.py")
                .toString(), home.toString()), tmp, Map.of("PYTHONPATH", tmp.resolve("stubs").toString())).lines().toList();
        String command = dag.get(0);
        assertTrue(command.contains(" submit/yarn.sh retrain ") && command.contains(" --resume "), command);
        Map<String, String> env = new HashMap<>();
        dag.subList(1, dag.size()).forEach(l -> env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));

        run(List.of("bash", "-c", command), tmp, withFakeJava(tmp, env));
        List<String> java = Files.readAllLines(tmp.resolve("java.args"));
        assertTrue(java.containsAll(options()), java.toString());
        assertExecutorSettings(java);
        assertTrue(java.contains("spark.executor.memoryOverhead=3072m"), java.toString());
        assertTrue(java.contains("spark.yarn.appMasterEnv.OMP_NUM_THREADS=1"), java.toString());
        assertEquals(List.of("retrain", "--registry", "hdfs:///models/mnist", "--data", "hdfs:///data/mnist/latest",
                "--resume", "--note", "airflow {{ dag.dag_id }} {{ ts }}"), java.subList(java.indexOf("retrain"), java.size()));
    }

    /** What common.sh gives every cluster manager's executors: the list, JavaCPP's caps, one native thread. */
    static void assertExecutorSettings(List<String> java) throws IOException {
        String executor = java.stream().filter(a -> a.startsWith("spark.executor.extraJavaOptions=")).findFirst()
                .orElseThrow(() -> new AssertionError("no spark.executor.extraJavaOptions in " + java));
        List<String> executorOptions = Arrays.asList(executor.substring(executor.indexOf('=') + 1).split(" "));
        assertTrue(executorOptions.containsAll(options()), executor);
        assertTrue(executorOptions.contains("-Dorg.bytedeco.javacpp.maxbytes=2048m"), executor);
        assertTrue(executorOptions.contains("-Dorg.bytedeco.javacpp.maxphysicalbytes=7168m"), executor);
        assertTrue(java.contains("spark.executorEnv.OMP_NUM_THREADS=1"), java.toString());
    }

    /** submit/ and conf/ of this checkout beside an empty jar and a {@code java} that records how it was run. */
    static Path fakeCheckout(Path tmp) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("sparknet"));
        for (String dir : List.of("submit", "conf")) {
            Files.createDirectories(home.resolve(dir));
            try (Stream<Path> files = Files.list(HOME.resolve(dir))) {
                for (Path f : files.toList()) {
                    Files.copy(f, home.resolve(dir).resolve(f.getFileName()));
                }
            }
        }
        Path target = Files.createDirectories(home.resolve("target"));
        for (String f : List.of("sparknet.jar", "spark-classpath.txt", "spark-yarn-jars.txt")) {
            Files.writeString(target.resolve(f), "");
        }
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + tmp.resolve("java.args") + "'\n"
                + "echo \"OMP_NUM_THREADS=$OMP_NUM_THREADS\" > '" + tmp.resolve("java.env") + "'\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    /** env plus a PATH that finds fakeCheckout's stand-in java first. */
    static Map<String, String> withFakeJava(Path tmp, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("PATH", tmp.resolve("bin") + ":" + System.getenv("PATH"));
        return all;
    }

    /** Runs a command without SPARK_HOME or OMP_NUM_THREADS of ours, plus env; its stdout, after asserting exit 0. */
    static String run(List<String> command, Path dir, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("SPARK_HOME");
        pb.environment().remove("OMP_NUM_THREADS");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish in 60 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), command + ": " + err);
        return out;
    }
}
