package dev.sparknet.data;

import dev.sparknet.BadInputException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up question to the NameNode (HdfsUnreachableIT drives the job into the slow cases). */
class NameNodeProbeTest {
    @Test
    void otherFileSystemsAndBlankPathsAreNotProbed() {
        Configuration conf = new Configuration();
        assertDoesNotThrow(() -> NameNodeProbe.requireAnswering(conf, "--data", "/no/such/dir", "--output",
                "file:/tmp/x", "--work-dir", "", "--model", null));
    }

    @Test
    void refusedConnectionIsOneLineNamingThePathAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        BadInputException e = assertThrows(BadInputException.class, () -> NameNodeProbe.requireAnswering(
                new Configuration(), "--data", "file:/tmp", "--output", "hdfs://127.0.0.1:" + port + "/runs/x"));
        assertEquals("--output hdfs://127.0.0.1:" + port + "/runs/x: no NameNode answers at 127.0.0.1:" + port
                + " (connection refused)", e.getMessage());
        assertTrue((System.nanoTime() - start) / 1e9 < 5, "a refused connection must fail at once");
    }

    @Test
    void pathWithoutSchemeIsProbedOnTheDefaultFileSystem() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Configuration conf = new Configuration();
        conf.set("fs.defaultFS", "hdfs://127.0.0.1:" + port);
        BadInputException e = assertThrows(BadInputException.class,
                () -> NameNodeProbe.requireAnswering(conf, "--data", "/datasets/mnist"));
        assertTrue(e.getMessage().startsWith("--data /datasets/mnist: no NameNode answers at 127.0.0.1:" + port),
                e.getMessage());
    }

    @Test
    void unknownHostIsNamed() {
        BadInputException e = assertThrows(BadInputException.class, () -> NameNodeProbe.requireAnswering(
                new Configuration(), "--data", "hdfs://no-such-host.invalid:8020/data"));
        assertEquals("--data hdfs://no-such-host.invalid:8020/data: unknown host no-such-host.invalid (no NameNode to ask)",
                e.getMessage());
    }
}
