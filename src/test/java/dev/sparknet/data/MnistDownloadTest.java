package dev.sparknet.data;

import dev.sparknet.BadInputException;
import dev.sparknet.JobFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP download of the MNIST files against servers on 127.0.0.1 only. */
class MnistDownloadTest {
    @TempDir
    Path dir;

    private Function<String, OutputStream> intoDir() {
        return name -> {
            try {
                return Files.newOutputStream(dir.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), "expected '" + part + "' in: " + text);
        }
    }

    @Test
    void constantsMatchTheSharedReadme() throws IOException {
        Path readme = LocalMnistServer.realDir().resolve("README.md");
        String table = Files.readString(readme, StandardCharsets.UTF_8);
        for (MnistFile f : MnistFile.FILES) {
            assertContains(table, "| " + f.name() + " | " + f.md5() + " |");
        }
        assertEquals(4, MnistFile.FILES.size());
    }

    @Test
    void downloadsTheFourFilesByteIdentical() throws IOException {
        Map<String, byte[]> real = LocalMnistServer.realFiles();
        try (LocalMnistServer server = new LocalMnistServer(real)) {
            new MnistDownload(server.baseUrl() + "/").downloadAll(intoDir());
        }
        for (MnistFile f : MnistFile.FILES) {
            assertEquals(-1L, Files.mismatch(dir.resolve(f.name()), LocalMnistServer.realDir().resolve(f.name())), f.name());
        }
        MnistDataset d = MnistFiles.locateAndValidate(dir.toString(), new org.apache.hadoop.conf.Configuration());
        assertEquals(60000, d.train().count());
        assertEquals(10000, d.test().count());
    }

    @Test
    void corruptedFileIsNamedWithBothChecksums() throws IOException {
        byte[] bad = "not the labels".getBytes(StandardCharsets.US_ASCII);
        MnistFile labels = MnistFile.TEST_LABELS;
        try (LocalMnistServer server = new LocalMnistServer(Map.of(labels.name(), bad))) {
            JobFailedException e = assertThrows(JobFailedException.class,
                    () -> new MnistDownload(server.baseUrl()).download(labels, OutputStream.nullOutputStream()));
            assertContains(e.getMessage(), labels.name(), "md5", labels.md5(), LocalMnistServer.md5(bad),
                    server.baseUrl() + "/" + labels.name());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void httpErrorNamesStatusAndUrl() throws IOException {
        try (LocalMnistServer server = new LocalMnistServer(Map.of())) {
            JobFailedException e = assertThrows(JobFailedException.class,
                    () -> new MnistDownload(server.baseUrl()).downloadAll(intoDir()));
            assertContains(e.getMessage(), "404", server.baseUrl() + "/" + MnistFile.TRAIN_IMAGES.name());
        }
        try (LocalMnistServer server = new LocalMnistServer(Map.of()).status(MnistFile.TRAIN_IMAGES.name(), 503)) {
            JobFailedException e = assertThrows(JobFailedException.class,
                    () -> new MnistDownload(server.baseUrl()).downloadAll(intoDir()));
            assertContains(e.getMessage(), "HTTP 503", server.baseUrl() + "/" + MnistFile.TRAIN_IMAGES.name());
        }
    }

    @Test
    void unreachableHostFailsQuicklyAndPointsAtData() {
        long t0 = System.nanoTime();
        JobFailedException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(JobFailedException.class,
                () -> new MnistDownload("http://127.0.0.1:1").downloadAll(intoDir())));
        assertTrue(System.nanoTime() - t0 < 30e9);
        assertContains(e.getMessage(), "could not reach http://127.0.0.1:1/" + MnistFile.TRAIN_IMAGES.name(), "--data");
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // accept, then say nothing
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String base = "http://127.0.0.1:" + silent.getLocalPort();
            JobFailedException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(JobFailedException.class,
                    () -> new MnistDownload(base, Duration.ofSeconds(5), Duration.ofSeconds(1)).downloadAll(intoDir())));
            assertContains(e.getMessage(), "could not reach " + base + "/", "no answer within 1 s", "--data");
        }
    }

    @Test
    void truncatedBodyFails() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    in.read(new byte[8192]);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n"
                            + "only a few bytes").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the client decides what this means
                }
            });
            t.setDaemon(true);
            t.start();
            String base = "http://127.0.0.1:" + server.getLocalPort();
            JobFailedException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(JobFailedException.class,
                    () -> new MnistDownload(base, Duration.ofSeconds(5), Duration.ofSeconds(2)).downloadAll(intoDir())));
            assertContains(e.getMessage(), base + "/" + MnistFile.TRAIN_IMAGES.name(), "of 1000 bytes");
        }
    }

    @Test
    void followsRedirects() throws Exception {
        Map<String, byte[]> content = new LinkedHashMap<>();
        byte[] body = "x".getBytes(StandardCharsets.US_ASCII);
        content.put("f.gz", body);
        try (LocalMnistServer target = new LocalMnistServer(content);
             ServerSocket redirector = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                try (Socket s = redirector.accept()) {
                    s.getInputStream().read(new byte[8192]);
                    s.getOutputStream().write(("HTTP/1.1 302 Found\r\nLocation: " + target.baseUrl() + "/f.gz\r\n"
                            + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the test fails on its own
                }
            });
            t.setDaemon(true);
            t.start();
            MnistDownload d = new MnistDownload("http://127.0.0.1:" + redirector.getLocalPort());
            assertEquals(1, d.download(new MnistFile("f.gz", LocalMnistServer.md5(body)), OutputStream.nullOutputStream()));
        }
    }

    @Test
    void urlMustBeHttp() {
        for (String url : List.of("ftp://example.org/mnist", "file:///tmp/mnist", "not a url", "", "https://")) {
            BadInputException e = assertThrows(BadInputException.class, () -> new MnistDownload(url), url);
            assertTrue(e.getMessage().startsWith("--url " + url + ": "), e.getMessage());
        }
        assertEquals("https://host/a/x.gz", new MnistDownload("https://host/a//").url("x.gz"));
    }
}
