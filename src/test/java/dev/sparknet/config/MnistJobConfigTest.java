package dev.sparknet.config;

import dev.sparknet.BadInputException;
import dev.sparknet.cli.JobSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MnistJobConfigTest {
    /** Bundled defaults plus the given flags, layered by the command line's own code. */
    private static Settings settings(String... flagPairs) {
        return JobSettings.of("mnist", flagPairs);
    }

    @Test
    void defaultsWithDataAndOutput() {
        MnistJobConfig c = MnistJobConfig.from(settings("data", "/d", "output", "/o"));
        assertEquals("/d", c.data());
        assertEquals("/o", c.output());
        assertEquals(List.of(1568), c.hidden());
        assertEquals(256, c.training().batchSize());
        assertEquals(0.008, c.learningRate());
        assertEquals(0.7, c.training().learningRate().decayPerEpoch());
        assertFalse(c.overwrite());
        assertEquals("", c.workDir());
        assertEquals(10, c.network(784).outputs());
    }

    @Test
    void flagsOverrideDefaults() {
        MnistJobConfig c = MnistJobConfig.from(settings("data", "/d", "output", "/o", "hidden", "100,50",
                "epochs", "3", "seed", "7", "overwrite", "true", "train-limit", "1000"));
        assertEquals(List.of(100, 50), c.hidden());
        assertEquals(3, c.training().epochs());
        assertEquals(7L, c.training().seed());
        assertTrue(c.overwrite());
        assertEquals(1000, c.trainLimit());
    }

    @Test
    void missingData() {
        BadInputException e = assertThrows(BadInputException.class, () -> MnistJobConfig.from(settings("output", "/o")));
        assertEquals("--data is required", e.getMessage());
        BadInputException empty = assertThrows(BadInputException.class, () -> MnistJobConfig.from(Settings.builder().build()));
        assertEquals("--data is required", empty.getMessage());
    }

    @Test
    void missingOutput() {
        BadInputException e = assertThrows(BadInputException.class, () -> MnistJobConfig.from(settings("data", "/d")));
        assertEquals("--output is required", e.getMessage());
    }

    @Test
    void zeroEpochsRejected() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> MnistJobConfig.from(settings("data", "/d", "output", "/o", "epochs", "0")));
        assertEquals("--epochs: must be a positive whole number, got '0'", e.getMessage());
    }

    @Test
    void negativeLearningRateRejected() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> MnistJobConfig.from(settings("data", "/d", "output", "/o", "learning-rate", "-0.01")));
        assertEquals("--learning-rate: must be a positive number, got '-0.01'", e.getMessage());
    }

    @Test
    void badBundledValueWouldNameTheBundledFile() {
        Settings s = Settings.builder().put("data", "/d", "flag").put("output", "/o", "flag")
                .put("hidden", "1568", "conf/sparknet.properties")
                .put("learning-rate", "0", "conf/sparknet.properties").build();
        BadInputException e = assertThrows(BadInputException.class, () -> MnistJobConfig.from(s));
        assertTrue(e.getMessage().startsWith("--learning-rate (from conf/sparknet.properties): "), e.getMessage());
    }
}
