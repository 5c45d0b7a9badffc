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
        assertEquals("/d", c.data().data());
        assertEquals("/o", c.output());
        assertEquals(List.of(1568), c.hidden());
        assertEquals(256, c.training().batchSize());
        assertEquals(0.008, c.learningRate());
        assertEquals(0.5, c.training().learningRate().decayPerEpoch());
        assertTrue(c.training().learningRate().onPlateau());
        assertEquals(3, c.training().patience());
        assertEquals(8.0, c.training().holdout().percent());
        assertFalse(c.overwrite());
        assertEquals("", c.workDir());
        assertEquals(10, c.network(784, 10).outputs());
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
    void missingDataMeansTheDatasetCache() {
        MnistJobConfig c = MnistJobConfig.from(settings("output", "/o"));
        assertTrue(c.data().cached());
        assertTrue(c.data().dir().endsWith("/mnist"), c.data().dir());
        // without the bundled defaults there is no URL to fetch from: named, not guessed
        BadInputException empty = assertThrows(BadInputException.class, () -> MnistJobConfig.from(Settings.builder().build()));
        assertEquals("--mnist-url is required", empty.getMessage());
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

    @Test
    void earlyStoppingAndPlateauNeedAValidationSplit() {
        for (String[] flags : new String[][]{
                {"validation", "0", "epochs", "6", "lr-schedule", "exponential", "patience", "3"},
                {"validation", "0", "epochs", "auto", "lr-schedule", "exponential", "patience", "3"},
                {"validation", "0", "epochs", "6", "lr-schedule", "plateau", "patience", "0"}}) {
            String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("data", "/d", "output", "/o"),
                    java.util.Arrays.stream(flags)).toArray(String[]::new);
            BadInputException e = assertThrows(BadInputException.class, () -> MnistJobConfig.from(settings(all)));
            assertTrue(e.getMessage().contains("needs a validation split"), e.getMessage());
        }
        BadInputException auto = assertThrows(BadInputException.class, () -> MnistJobConfig.from(settings(
                "data", "/d", "output", "/o", "validation", "5000", "epochs", "auto", "patience", "0")));
        assertTrue(auto.getMessage().contains("--patience"), auto.getMessage());
    }

    @Test
    void validationIsANumberOfImagesOrAShareOfTheFile() {
        assertEquals(4800, MnistJobConfig.from(settings("data", "/d", "output", "/o")).training().holdout().sizeFor(60_000));
        assertEquals(32, MnistJobConfig.from(settings("data", "/d", "output", "/o")).training().holdout().sizeFor(400));
        assertEquals(1000, MnistJobConfig.from(settings("data", "/d", "output", "/o", "validation", "1000"))
                .training().holdout().sizeFor(60_000));
        for (String bad : new String[]{"50%", "x%", "-3", "lots"}) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> MnistJobConfig.from(settings("data", "/d", "output", "/o", "validation", bad)));
            assertTrue(e.getMessage().startsWith("--validation"), e.getMessage());
        }
    }

    @Test
    void epochsAutoTrainsUntilPatienceRunsOut() {
        MnistJobConfig c = MnistJobConfig.from(settings("data", "/d", "output", "/o", "validation", "5000",
                "epochs", "auto", "patience", "3", "lr-schedule", "plateau"));
        assertEquals(TrainingSettings.AUTO_MAX_EPOCHS, c.training().epochs());
        assertEquals(3, c.training().patience());
        assertEquals(5000, c.training().holdout().size());
        assertTrue(c.training().learningRate().onPlateau());
    }
}
