package dev.sparknet.submit;

import dev.sparknet.data.QuadrantDigits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `mnist` through submit/local.sh when the NameNode of --data or --output cannot be reached: one line on stderr
 * naming the path, exit 2, within seconds, for the three ways a NameNode goes missing: nothing listens on its
 * port (refused), its host does not answer at all (a black hole: SYNs dropped, as behind a firewall or with the
 * machine gone; left to Hadoop's defaults, 45 x 20 s of connect retries), and a process that accepts the
 * connection but never replies (a hung NameNode; left to Hadoop's defaults, waited for without end); and the same
 * for --output.
 */
class HdfsUnreachableIT {
    static final Path HOME = StandaloneCluster.HOME;

    @TempDir
    Path tmp;

    @Test
    void unreachableNameNodeIsOneLineAndExit2WithinSeconds() throws Exception {
        Path local = Files.createDirectories(tmp.resolve("quadrants"));
        QuadrantDigits.write(local, 200, 40, 4, 7);
        try (ServerSocket refused = new ServerSocket(0, 1, loopback());
             BlackHole blackHole = new BlackHole();
             ServerSocket mute = new ServerSocket(0, 50, loopback())) {
            int closedPort = refused.getLocalPort();
            refused.close(); // nothing listens there now
            List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(mute.accept()); // accepted, never answered
                    }
                } catch (IOException closed) {
                    // test over
                }
            }, "mute-namenode");
            acceptor.setDaemon(true);
            acceptor.start();

            Map<String, String[]> cases = new LinkedHashMap<>();
            cases.put("refused", new String[] {"--data", "hdfs://127.0.0.1:" + closedPort + "/data", "no NameNode answers at "
                    + "127.0.0.1:" + closedPort + " (connection refused)"});
            cases.put("black-hole", new String[] {"--data", "hdfs://127.0.0.1:" + blackHole.port() + "/data",
                    "no NameNode answers at 127.0.0.1:" + blackHole.port() + " (no connection within 5 s)"});
            cases.put("mute", new String[] {"--data", "hdfs://127.0.0.1:" + mute.getLocalPort() + "/data", "the NameNode at "
                    + "127.0.0.1:" + mute.getLocalPort() + " accepted the connection but did not reply within 10 s"});
            cases.put("output-refused", new String[] {"--output", "hdfs://127.0.0.1:" + closedPort + "/runs/x",
                    "no NameNode answers at 127.0.0.1:" + closedPort + " (connection refused)"});

            for (Map.Entry<String, String[]> c : cases.entrySet()) {
                String name = c.getKey();
                String flag = c.getValue()[0];
                String path = c.getValue()[1];
                Path dir = Files.createDirectories(tmp.resolve(name));
                List<String> command = new ArrayList<>(List.of("bash", HOME.resolve("submit/local.sh").toString(), "mnist"));
                command.addAll(flag.equals("--data")
                        ? List.of("--data", path, "--output", dir.resolve("out").toString())
                        : List.of("--data", local.toString(), "--output", path));
                long start = System.nanoTime();
                Process process = new ProcessBuilder(command).directory(HOME.toFile())
                        .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                        .start();
                boolean ended = process.waitFor(90, TimeUnit.SECONDS);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!ended) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
                assertTrue(ended, name + ": still running after 90 s: the job hangs on an unreachable NameNode");
                List<String> stderr = Files.readAllLines(dir.resolve("stderr.txt"));
                String expected = "sparknet mnist: error: " + flag + " " + path + ": " + c.getValue()[2];
                assertEquals(List.of(expected), stderr, name + ": one line on stderr");
                assertEquals(2, process.exitValue(), name);
                // JVM start-up (2 s here when the machine is quiet, more when busy) plus at most the probe's 10 s
                assertTrue(seconds < 40, name + " took " + seconds + " s");
                assertFalse(Files.exists(dir.resolve("out")), name + ": left an output behind");
                System.out.printf("HdfsUnreachableIT %s: exit 2 after %.1f s: %s%n", name, seconds, stderr.get(0));
            }
            held.forEach(HdfsUnreachableIT::closeQuietly);
        }
    }

    static InetAddress loopback() throws IOException {
        return InetAddress.getByName("127.0.0.1");
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // gone already
        }
    }

    /**
     * A port whose connects time out, as a host behind a firewall that drops packets: a listening socket that
     * never accepts, its backlog filled, so that the kernel drops further SYNs.
     */
    static final class BlackHole implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> fillers = new ArrayList<>();

        BlackHole() throws IOException {
            server = new ServerSocket(0, 1, loopback());
            for (int i = 0; i < 16; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(loopback(), server.getLocalPort()), 500);
                    fillers.add(s);
                } catch (SocketTimeoutException full) {
                    s.close();
                    return;
                }
            }
            throw new IllegalStateException("the backlog of port " + server.getLocalPort() + " never filled up");
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            fillers.forEach(HdfsUnreachableIT::closeQuietly);
            server.close();
        }
    }
}
