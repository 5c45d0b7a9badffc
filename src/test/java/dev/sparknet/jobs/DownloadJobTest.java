package dev.sparknet.jobs;

import dev.sparknet.BadInputException;
import dev.sparknet.JobFailedException;
import dev.sparknet.cli.Main;
import dev.sparknet.data.LocalMnistServer;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.data.MnistDownload;
import dev.sparknet.data.MnistFile;
import dev.sparknet.data.MnistFiles;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The `download` job end to end against a local HTTP server on 127.0.0.1: all four files published, or nothing. */
class DownloadJobTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void startLoggingBeforeStderrIsCaptured() {
        // Log4j's console appender keeps the System.err it starts with; start it before a test swaps System.err.
        LoggerFactory.getLogger(DownloadJob.class);
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), "expected '" + part + "' in: " + text);
        }
    }

    private Path outputInEmptyParent() throws IOException {
        return Files.createDirectories(tmp.resolve("out")).resolve("mnist");
    }

    /** Nothing at the output and no hidden staging directory beside it. */
    private static void assertNothingLeft(Path output) throws IOException {
        assertFalse(Files.exists(output), output + " should not exist");
        try (Stream<Path> s = Files.list(output.getParent())) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void downloadsVerifiesAndPublishes() throws IOException {
        Map<String, byte[]> real = LocalMnistServer.realFiles();
        Path output = outputInEmptyParent();
        try (LocalMnistServer server = new LocalMnistServer(real)) {
            String published = DownloadJob.run(output.toString(), server.baseUrl(), false);
            assertTrue(published.endsWith(output.toString()), published);
        }
        try (Stream<Path> s = Files.list(output)) {
            assertEquals(MnistFile.FILES.stream().map(MnistFile::name).sorted().toList(),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        for (MnistFile f : MnistFile.FILES) {
            assertEquals(-1L, Files.mismatch(output.resolve(f.name()), LocalMnistServer.realDir().resolve(f.name())), f.name());
        }
        MnistDataset d = MnistFiles.locateAndValidate(output.toString(), new Configuration());
        assertEquals(60000, d.train().count());
        assertEquals(10000, d.test().count());
        try (Stream<Path> s = Files.list(output.getParent())) {
            assertEquals(List.of("mnist"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void corruptedFilePublishesNothing() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>(LocalMnistServer.realFiles());
        MnistFile last = MnistFile.FILES.get(3); // three good files arrive first
        byte[] corrupt = files.get(last.name()).clone();
        corrupt[corrupt.length / 2] ^= 0x01;
        files.put(last.name(), corrupt);
        Path output = outputInEmptyParent();
        try (LocalMnistServer server = new LocalMnistServer(files)) {
            JobFailedException e = assertThrows(JobFailedException.class,
                    () -> DownloadJob.run(output.toString(), server.baseUrl(), false));
            assertContains(e.getMessage(), last.name(), "md5", last.md5(), LocalMnistServer.md5(corrupt));
        }
        assertNothingLeft(output);
    }

    @Test
    void checksumsPassButNotMnistPublishesNothing() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<MnistFile> list = MnistFile.FILES.stream().map(f -> {
            byte[] junk = ("junk " + f.name()).getBytes(StandardCharsets.US_ASCII);
            files.put(f.name(), junk);
            return new MnistFile(f.name(), LocalMnistServer.md5(junk));
        }).toList();
        Path output = outputInEmptyParent();
        try (LocalMnistServer server = new LocalMnistServer(files)) {
            JobFailedException e = assertThrows(JobFailedException.class,
                    () -> DownloadJob.run(output.toString(), new MnistDownload(server.baseUrl()), list, false));
            assertContains(e.getMessage(), "not a valid MNIST dataset", server.baseUrl() + "/", "nothing was published");
            assertFalse(e.getMessage().contains("staging"), e.getMessage());
        }
        assertNothingLeft(output);
    }

    @Test
    void http404PublishesNothing() throws IOException {
        Path output = outputInEmptyParent();
        try (LocalMnistServer server = new LocalMnistServer(Map.of())) {
            JobFailedException e = assertThrows(JobFailedException.class,
                    () -> DownloadJob.run(output.toString(), server.baseUrl(), false));
            assertContains(e.getMessage(), "HTTP 404", server.baseUrl() + "/" + MnistFile.FILES.get(0).name());
        }
        assertNothingLeft(output);
    }

    @Test
    void unreachableUrlFailsQuicklyAndPublishesNothing() throws IOException {
        Path output = outputInEmptyParent();
        JobFailedException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(JobFailedException.class,
                () -> DownloadJob.run(output.toString(), "http://127.0.0.1:1", false)));
        assertContains(e.getMessage(), "could not reach http://127.0.0.1:1/", "--data");
        assertNothingLeft(output);
    }

    @Test
    void existingOutputIsRefusedBeforeAnyDownload() throws IOException {
        Path output = Files.createDirectories(tmp.resolve("mnist"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> DownloadJob.run(output.toString(), "http://127.0.0.1:1", false));
        assertContains(e.getMessage(), "--output " + output, "already exists");
    }

    private record Result(int code, String out, String err) {
    }

    private static Result main(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void mainReportsUnreachableUrlInOneLineWithExitCode1() throws IOException {
        Path output = outputInEmptyParent();
        Result r = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> main("download", "--output", output.toString(), "--url", "http://127.0.0.1:1"));
        assertEquals(1, r.code());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "expected exactly one line on stderr, got:\n" + r.err());
        assertTrue(lines.get(0).startsWith("sparknet download: could not reach http://127.0.0.1:1/"), lines.get(0));
        assertContains(lines.get(0), "--data");
        assertFalse(lines.get(0).contains("--verbose"), lines.get(0));
        assertNothingLeft(output);
    }

    @Test
    void mainDownloadsWithOverwrite() throws IOException {
        Map<String, byte[]> real = LocalMnistServer.realFiles();
        Path output = Files.createDirectories(tmp.resolve("mnist"));
        Files.writeString(output.resolve("old.txt"), "replaced");
        try (LocalMnistServer server = new LocalMnistServer(real)) {
            Result r = main("download", "--output", output.toString(), "--url", server.baseUrl(), "--overwrite");
            assertEquals(0, r.code(), r.err());
        }
        assertFalse(Files.exists(output.resolve("old.txt")));
        MnistFiles.locateAndValidate(output.toString(), new Configuration());
    }

    @Test
    void badUrlIsBadInput() throws IOException {
        Path output = outputInEmptyParent();
        Result r = main("download", "--output", output.toString(), "--url", "ftp://example.org/mnist");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("sparknet download: error: --url ftp://example.org/mnist: "), r.err());
        assertNothingLeft(output);
    }

    @Test
    void helpShowsTheDefaultMirrorAndTheOriginal() {
        Result r = main("download", "--help");
        assertEquals(0, r.code());
        assertContains(r.out(), "https://ossci-datasets.s3.amazonaws.com/mnist", "http://yann.lecun.com/exdb/mnist");
    }
}
