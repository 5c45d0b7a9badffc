package dev.sparknet.submit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparknet.data.QuadrantDigits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster of submit/cluster.sh authenticates: its secret is private to its owner and on no command line,
 * and a driver without it is refused (ClusterIT and ExecutorLossIT show that submit/local.sh, which has it, works).
 */
class ClusterAuthIT {
    @RegisterExtension
    static final StandaloneCluster.PerClass CLUSTER = StandaloneCluster.perClass("cluster-auth-it", 1);

    @Test
    void secretIsOwnerOnlyAndOnNoCommandLine(StandaloneCluster cluster) throws Exception {
        Path secretFile = cluster.clusterDir.resolve("secret");
        Path daemonConf = cluster.clusterDir.resolve("spark-home/conf/spark-defaults.conf");
        for (Path f : List.of(secretFile, daemonConf)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        }
        String secret = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
        assertTrue(secret.length() >= 40, "a 32-byte random secret, base64: " + secret.length() + " characters");
        assertTrue(Files.readString(daemonConf).contains("spark.authenticate true"));
        List<String> processes = cluster.clusterProcesses();
        assertEquals(2, processes.size(), "master and one worker: " + processes);
        for (String p : processes) {
            assertFalse(p.contains(secret), "the secret is on a command line: " + p);
        }
    }

    @Test
    void driverWithoutTheSecretOrWithAnotherIsRefused(StandaloneCluster cluster) throws Exception {
        Path data = Files.createDirectories(cluster.work.resolve("quadrants"));
        QuadrantDigits.write(data, 200, 40, 4, 7);
        Path wrong = Files.writeString(cluster.work.resolve("other.secret"), "not-the-cluster-secret\n");
        // an empty SPARKNET_AUTH_SECRET_FILE: submit without authentication; both wait out Spark's registration
        // retries (3 x 20 s), so they run side by side
        Map<String, StandaloneCluster.Started> runs = new TreeMap<>();
        for (String secretFile : List.of("", wrong.toString())) {
            String name = secretFile.isEmpty() ? "no-secret" : "wrong-secret";
            runs.put(name, cluster.start(cluster.work.resolve(name), Map.of("SPARKNET_AUTH_SECRET_FILE", secretFile,
                            "SPARKNET_DRIVER_MEMORY", "1g", "SPARKNET_EXECUTOR_MEMORY", "1g"),
                    "submit/local.sh", "mnist", "--master", cluster.masterUrl(), "--data", data.toString(),
                    "--output", cluster.work.resolve("runs").resolve(name).toString(), "--epochs", "1", "--hidden", "8"));
        }
        for (Map.Entry<String, StandaloneCluster.Started> e : runs.entrySet()) {
            StandaloneCluster.Run run = e.getValue().await(Duration.ofMinutes(5));
            List<String> lines = run.stderr().lines().toList();
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            assertEquals(2, run.exitCode(), e.getKey() + ": a driver without the secret ran on the cluster?\n" + run.stderr());
            assertTrue(last.startsWith("sparknet mnist: error: --master " + cluster.masterUrl()
                    + ": the master did not accept the application") && last.contains("SPARKNET_AUTH_SECRET_FILE"), last);
            assertFalse(Files.exists(cluster.work.resolve("runs").resolve(e.getKey())));
            System.out.println("ClusterAuthIT " + e.getKey() + ": exit " + run.exitCode() + ": " + last);
        }
        JsonNode master = cluster.masterJson();
        assertEquals(0, master.get("activeapps").size() + master.get("completedapps").size(),
                "the master accepted an application without the secret: " + master);
        assertEquals(List.of(), cluster.executorProcesses().keySet().stream().toList());
    }
}
