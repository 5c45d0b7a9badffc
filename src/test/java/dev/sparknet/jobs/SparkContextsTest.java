package dev.sparknet.jobs;

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
}
