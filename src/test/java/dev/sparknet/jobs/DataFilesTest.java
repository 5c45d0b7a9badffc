package dev.sparknet.jobs;

import dev.sparknet.BadInputException;
import dev.sparknet.config.DataChoice;
import dev.sparknet.data.LocalMnistServer;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.data.MnistFile;
import dev.sparknet.data.MnistFiles;
import dev.sparknet.data.PublicDataset;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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

/** Without --data: the cache folder, fetched on first use from a server on 127.0.0.1; all four files or nothing. */
class DataFilesTest {
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path tmp;

    private DataChoice cache(PublicDataset dataset, String url) {
        return new DataChoice("", dataset, tmp.resolve("cache").resolve(dataset.name()).toString(), url);
    }

    private List<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFetchIsAnnouncedOnlyForAMissingOrEmptyCache() throws IOException {
        DataChoice choice = cache(PublicDataset.MNIST, "http://127.0.0.1:1/");
        assertTrue(DataFiles.willFetch(choice), "no cache folder");
        Files.createDirectories(Path.of(choice.cacheDir()));
        assertTrue(DataFiles.willFetch(choice), "an empty cache folder");
        Files.writeString(Path.of(choice.cacheDir()).resolve("train-images-idx3-ubyte.gz"), "x");
        assertFalse(DataFiles.willFetch(choice), "a filled cache folder is read, not fetched");
        assertFalse(DataFiles.willFetch(new DataChoice("/d", PublicDataset.MNIST, "", "")), "--data given");
    }

    @Test
    void dataGivenIsReturnedUntouched() {
        assertEquals("hdfs://nn/x", DataFiles.ready(new DataChoice("hdfs://nn/x", PublicDataset.MNIST, "", "")));
    }

    @Test
    void emptyCacheIsFetchedOnceThenRead() throws IOException {
        Map<String, byte[]> real = LocalMnistServer.realFiles();
        DataChoice choice = cache(PublicDataset.MNIST, "");
        String dir;
        try (LocalMnistServer server = new LocalMnistServer(real)) {
            dir = DataFiles.ready(new DataChoice("", PublicDataset.MNIST, choice.cacheDir(), server.baseUrl()));
        }
        Path cached = Path.of(choice.cacheDir());
        assertEquals("file://" + cached.toAbsolutePath(), dir);
        for (MnistFile f : MnistFile.FILES) {
            assertEquals(-1L, Files.mismatch(cached.resolve(f.name()), LocalMnistServer.realDir().resolve(f.name())), f.name());
        }
        MnistDataset d = MnistFiles.locateAndValidate(dir, new Configuration());
        assertEquals(60000, d.train().count());
        // the second run reads the cache: a server with no files would fail any fetch
        try (LocalMnistServer empty = new LocalMnistServer(Map.of())) {
            assertEquals(dir, DataFiles.ready(new DataChoice("", PublicDataset.MNIST, choice.cacheDir(), empty.baseUrl())));
        }
        assertEquals(List.of("mnist"), namesIn(cached.getParent()));
    }

    @Test
    void anEmptyCacheFolderIsFilled() throws IOException {
        Map<String, byte[]> real = LocalMnistServer.realFiles();
        Path cached = Files.createDirectories(tmp.resolve("cache/mnist"));
        try (LocalMnistServer server = new LocalMnistServer(real)) {
            DataFiles.ready(new DataChoice("", PublicDataset.MNIST, cached.toString(), server.baseUrl()));
        }
        assertEquals(MnistFile.FILES.stream().map(MnistFile::name).sorted().toList(), namesIn(cached));
    }

    @Test
    void corruptedFileIsOneLineAndLeavesNothingInTheCache() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>(LocalMnistServer.realFiles());
        MnistFile last = MnistFile.FILES.get(3); // three good files arrive first
        byte[] corrupt = files.get(last.name()).clone();
        corrupt[corrupt.length / 2] ^= 0x01;
        files.put(last.name(), corrupt);
        DataChoice choice = cache(PublicDataset.MNIST, "");
        try (LocalMnistServer server = new LocalMnistServer(files)) {
            BadInputException e = assertThrows(BadInputException.class, () -> DataFiles.ready(
                    new DataChoice("", PublicDataset.MNIST, choice.cacheDir(), server.baseUrl())));
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().startsWith("no --data given and no mnist files in " + choice.cacheDir()
                    + "; fetching them failed: " + last.name() + ": md5 mismatch, expected " + last.md5()), e.getMessage());
            assertTrue(e.getMessage().contains(LocalMnistServer.md5(corrupt)), e.getMessage());
            assertTrue(e.getMessage().endsWith("pass --data DIR with the four files fetched by other means (or set "
                    + "SPARKNET_DATA_DIR to a folder holding mnist/)"), e.getMessage());
        }
        assertEquals(List.of(), namesIn(tmp.resolve("cache")), "no cache folder and no staging folder left");
    }

    @Test
    void offlineIsOneLineWithinSeconds() throws IOException {
        DataChoice choice = cache(PublicDataset.MNIST, "http://127.0.0.1:1/mnist");
        long t0 = System.nanoTime();
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> assertThrows(BadInputException.class, () -> DataFiles.ready(choice)));
        assertTrue(System.nanoTime() - t0 < 15e9);
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().contains("fetching them failed: could not reach http://127.0.0.1:1/mnist/"
                + MnistFile.TRAIN_IMAGES.name()), e.getMessage());
        assertFalse(e.getMessage().contains("point --data at"), "one piece of advice, not two: " + e.getMessage());
        assertEquals(List.of(), namesIn(tmp.resolve("cache")));
    }

    @Test
    void fashionMnistIsFetchedUnderItsOwnName() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(FASHION), FASHION + " absent (apt-get install dataset-fashion-mnist); skipped");
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (MnistFile f : PublicDataset.FASHION_MNIST.files()) {
            files.put(f.name(), Files.readAllBytes(FASHION.resolve(f.name())));
        }
        try (LocalMnistServer server = new LocalMnistServer(files)) {
            // Debian recompressed the published .gz files: same images and labels, other bytes, so the published
            // md5s refuse them...
            BadInputException e = assertThrows(BadInputException.class,
                    () -> DataFiles.ready(cache(PublicDataset.FASHION_MNIST, server.baseUrl())));
            assertTrue(e.getMessage().contains("md5 mismatch, expected 8d4fb7e6c68d591d4c3dfef9ec88bf0d"), e.getMessage());
            // ...and with the md5s of Debian's bytes the same code fetches, publishes and validates them
            PublicDataset debian = new PublicDataset("fashion-mnist", PublicDataset.FASHION_MNIST.files().stream()
                    .map(f -> new MnistFile(f.name(), LocalMnistServer.md5(files.get(f.name())))).toList());
            String dir = DataFiles.ready(cache(debian, server.baseUrl()));
            assertTrue(dir.endsWith("/cache/fashion-mnist"), dir);
            assertEquals(10000, MnistFiles.locateAndValidate(dir, new Configuration()).test().count());
        }
    }
}
