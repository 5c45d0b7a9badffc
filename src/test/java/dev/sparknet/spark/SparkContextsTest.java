package dev.sparknet.spark;

import dev.sparknet.BadInputException;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparkContextsTest {
    @Test
    void unreachableStandaloneMasterIsBadInputNamingIt() {
        long start = System.nanoTime();
        BadInputException e = assertThrows(BadInputException.class,
                () -> SparkContexts.checkReachable("spark://127.0.0.1:1"));
        assertTrue(e.getMessage().startsWith("--master spark://127.0.0.1:1: no Spark master answers"), e.getMessage());
        assertTrue((System.nanoTime() - start) / 1e9 < 10, "must fail fast");
    }

    @Test
    void malformedMasterIsBadInput() {
        assertThrows(BadInputException.class, () -> SparkContexts.checkReachable("spark://nohostport"));
        assertThrows(BadInputException.class, () -> SparkContexts.checkReachable("spark://127.0.0.1:abc"));
    }

    @Test
    void listeningMasterAndNonStandaloneMastersPass() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertDoesNotThrow(() -> SparkContexts.checkReachable("spark://127.0.0.1:" + listening.getLocalPort()));
            // any one of several masters (HA) answering is enough
            assertDoesNotThrow(() -> SparkContexts.checkReachable("spark://127.0.0.1:1,127.0.0.1:" + listening.getLocalPort()));
        }
        assertDoesNotThrow(() -> SparkContexts.checkReachable("local[2]"));
        assertDoesNotThrow(() -> SparkContexts.checkReachable("yarn"));
    }

    @Test
    void secretFileTurnsOnAuthenticationForStandaloneMastersOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path secret = java.nio.file.Files.writeString(tmp.resolve("secret"), "s3cr3t==\n");
        org.apache.spark.SparkConf standalone = new org.apache.spark.SparkConf().setMaster("spark://127.0.0.1:7077");
        SparkContexts.authenticate(standalone, secret.toString());
        assertTrue(standalone.getBoolean("spark.authenticate", false));
        org.junit.jupiter.api.Assertions.assertEquals("s3cr3t==", standalone.get("spark.authenticate.secret"));

        org.apache.spark.SparkConf local = new org.apache.spark.SparkConf().setMaster("local[2]");
        SparkContexts.authenticate(local, secret.toString());
        assertTrue(!local.contains("spark.authenticate"), "local mode needs no secret");

        org.apache.spark.SparkConf unset = new org.apache.spark.SparkConf().setMaster("spark://127.0.0.1:7077");
        SparkContexts.authenticate(unset, "");
        assertTrue(!unset.contains("spark.authenticate"));

        BadInputException missing = assertThrows(BadInputException.class, () -> SparkContexts.authenticate(
                new org.apache.spark.SparkConf().setMaster("spark://127.0.0.1:7077"), tmp.resolve("absent").toString()));
        assertTrue(missing.getMessage().startsWith("SPARKNET_AUTH_SECRET_FILE " + tmp.resolve("absent")), missing.getMessage());
        java.nio.file.Path empty = java.nio.file.Files.writeString(tmp.resolve("empty"), "\n");
        assertThrows(BadInputException.class, () -> SparkContexts.authenticate(
                new org.apache.spark.SparkConf().setMaster("spark://127.0.0.1:7077"), empty.toString()));
    }

    @Test
    void securityLineSaysWhatIsOn() {
        org.apache.spark.SparkConf conf = new org.apache.spark.SparkConf();
        org.junit.jupiter.api.Assertions.assertEquals("authentication off, RPC encryption off, I/O encryption off",
                SparkContexts.describeSecurity(conf));
        // RPC encryption without authentication is not encryption: Spark takes its keys from the auth handshake
        conf.set("spark.network.crypto.enabled", "true").set("spark.io.encryption.enabled", "true");
        org.junit.jupiter.api.Assertions.assertEquals("authentication off, RPC encryption off, I/O encryption on",
                SparkContexts.describeSecurity(conf));
        conf.set("spark.authenticate", "true");
        org.junit.jupiter.api.Assertions.assertEquals("authentication on, RPC encryption on (AES/CTR/NoPadding, auth engine v1,"
                + " unencrypted peers accepted), I/O encryption on", SparkContexts.describeSecurity(conf));
        conf.set("spark.network.crypto.cipher", "AES/GCM/NoPadding").set("spark.network.crypto.authEngineVersion", "2")
                .set("spark.network.crypto.saslFallback", "false");
        org.junit.jupiter.api.Assertions.assertEquals("authentication on, RPC encryption on (AES/GCM/NoPadding, auth engine v2),"
                + " I/O encryption on", SparkContexts.describeSecurity(conf));
    }
}
