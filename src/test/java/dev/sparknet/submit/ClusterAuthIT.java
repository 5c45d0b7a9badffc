package dev.sparknet.submit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparknet.data.QuadrantDigits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster of submit/cluster.sh authenticates: its secret is private to its owner and on no command line,
 * and a driver without it is refused (ClusterIT and ExecutorLossIT show that submit/local.sh, which has it, works).
 */
class ClusterAuthIT {
    static StandaloneCluster cluster;

    @BeforeAll
    static void up() throws Exception {
        cluster = StandaloneCluster.up("cluster-auth-it", 1);
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster != null) {
            cluster.down();
        }
    }

    @Test
    void secretIsOwnerOnlyAndOnNoCommandLine() throws Exception {
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
    void driverWithoutTheSecretIsRefused() throws Exception {
        Path data = Files.createDirectories(cluster.work.resolve("quadrants"));
        QuadrantDigits.write(data, 200, 40, 4, 7);
        Path output = cluster.work.resolve("runs").resolve("no-secret");
        // an empty SPARKNET_AUTH_SECRET_FILE: submit without authentication
        StandaloneCluster.Run run = cluster.run(cluster.work.resolve("no-secret"), Duration.ofMinutes(5),
                Map.of("SPARKNET_AUTH_SECRET_FILE", "", "SPARKNET_DRIVER_MEMORY", "1g", "SPARKNET_EXECUTOR_MEMORY", "1g"),
                "submit/local.sh", "mnist", "--master", cluster.masterUrl(), "--data", data.toString(),
                "--output", output.toString(), "--epochs", "1", "--hidden", "8");
        assertNotEquals(0, run.exitCode(), "a driver without the secret ran on the cluster:\n" + run.stdout());
        assertFalse(Files.exists(output));
        JsonNode master = cluster.masterJson();
        assertEquals(0, master.get("activeapps").size() + master.get("completedapps").size(),
                "the master accepted an application without the secret: " + master);
        assertEquals(List.of(), cluster.executorProcesses().keySet().stream().toList());
        System.out.println("ClusterAuthIT: refused with exit " + run.exitCode() + "; stderr tail:\n"
                + run.stderr().lines().filter(l -> !l.contains(" INFO ")).reduce("", (a, b) -> a + b + "\n"));
    }
}
