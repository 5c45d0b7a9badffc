package dev.sparknet.data;

import dev.sparknet.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataCacheTest {
    @Test
    void ownFolderWinsThenXdgThenHome() {
        assertEquals(Path.of("/data/sets/mnist"), DataCache.dir(PublicDataset.MNIST,
                Map.of("SPARKNET_DATA_DIR", "/data/sets", "XDG_CACHE_HOME", "/xdg"), "/home/u"));
        assertEquals(Path.of("/xdg/sparknet/fashion-mnist"), DataCache.dir(PublicDataset.FASHION_MNIST,
                Map.of("XDG_CACHE_HOME", "/xdg"), "/home/u"));
        assertEquals(Path.of("/home/u/.cache/sparknet/mnist"), DataCache.dir(PublicDataset.MNIST, Map.of(), "/home/u"));
        // blank values count as unset; a relative XDG_CACHE_HOME is invalid by the XDG spec and ignored
        assertEquals(Path.of("/home/u/.cache/sparknet/mnist"), DataCache.dir(PublicDataset.MNIST,
                Map.of("SPARKNET_DATA_DIR", " ", "XDG_CACHE_HOME", "relative/cache"), "/home/u"));
    }

    @Test
    void relativeOwnFolderIsMadeAbsolute() {
        Path dir = DataCache.dir(PublicDataset.MNIST, Map.of("SPARKNET_DATA_DIR", "../shared/datasets"), "/home/u");
        assertTrue(dir.isAbsolute(), dir.toString());
        assertEquals(Path.of("../shared/datasets/mnist").toAbsolutePath().normalize(), dir);
    }

    @Test
    void datasetsByName() {
        assertEquals(PublicDataset.FASHION_MNIST, PublicDataset.named("fashion-mnist"));
        assertEquals(MnistFile.FILES, PublicDataset.named("mnist").files());
        BadInputException e = assertThrows(BadInputException.class, () -> PublicDataset.named("cifar"));
        assertEquals("--dataset cifar: expected mnist or fashion-mnist", e.getMessage());
        // same file names as MNIST: the readers find Fashion-MNIST's files the same way
        assertEquals(MnistFile.FILES.stream().map(MnistFile::name).toList(),
                PublicDataset.FASHION_MNIST.files().stream().map(MnistFile::name).toList());
    }
}
