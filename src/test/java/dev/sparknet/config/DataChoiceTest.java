package dev.sparknet.config;

import dev.sparknet.BadInputException;
import dev.sparknet.data.PublicDataset;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataChoiceTest {
    private static Settings settings(String job, String... flagPairs) {
        Settings.Builder b = Settings.builder();
        DefaultSettings.forJob(job, null).forEach((k, v) -> b.put(k, v[0], v[1]));
        for (int i = 0; i < flagPairs.length; i += 2) {
            b.put(flagPairs[i], flagPairs[i + 1], "flag");
        }
        return b.build();
    }

    private static final Map<String, String> ENV = Map.of("SPARKNET_DATA_DIR", "/cache");

    @Test
    void dataGivenIsUsedAsIs() {
        DataChoice c = DataChoice.from(settings("mnist", "data", "hdfs://nn/mnist", "dataset", "fashion-mnist"), ENV, "/h");
        assertFalse(c.cached());
        assertEquals("hdfs://nn/mnist", c.dir());
    }

    @Test
    void withoutDataEveryDataJobReadsTheCacheOfItsDataset() {
        for (String job : DefaultSettings.DATA_JOBS) {
            DataChoice c = DataChoice.from(settings(job), ENV, "/h");
            assertTrue(c.cached(), job);
            assertEquals(PublicDataset.MNIST, c.dataset(), job);
            assertEquals("/cache/mnist", c.dir(), job);
            assertEquals("https://ossci-datasets.s3.amazonaws.com/mnist", c.url(), job);
        }
        DataChoice fashion = DataChoice.from(settings("evaluate", "dataset", "fashion-mnist"), Map.of(), "/h");
        assertEquals("/h/.cache/sparknet/fashion-mnist", fashion.dir());
        assertEquals("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com", fashion.url());
    }

    @Test
    void badDatasetOrUrlIsNamed() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> DataChoice.from(settings("mnist", "dataset", "emnist"), ENV, "/h"));
        assertTrue(e.getMessage().startsWith("--dataset emnist: expected mnist or fashion-mnist"), e.getMessage());
        e = assertThrows(BadInputException.class,
                () -> DataChoice.from(settings("mnist", "mnist-url", "ftp://mirror/mnist"), ENV, "/h"));
        assertTrue(e.getMessage().startsWith("--mnist-url: expected the http:// or https:// URL"), e.getMessage());
    }
}
