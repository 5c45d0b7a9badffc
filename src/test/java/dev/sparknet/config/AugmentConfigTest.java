package dev.sparknet.config;

import dev.sparknet.BadInputException;
import dev.sparknet.training.LearningRateSchedule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --augment, the elastic ranges, --epoch-examples and --lr-schedule, as the command line layers them. */
class AugmentConfigTest {
    private static Settings settings(String confFile, String... flagPairs) {
        Settings.Builder b = Settings.builder();
        DefaultSettings.forJob("mnist", confFile).forEach((k, v) -> b.put(k, v[0], v[1]));
        b.put("data", "/d", "flag").put("output", "/o", "flag");
        for (int i = 0; i < flagPairs.length; i += 2) {
            b.put(flagPairs[i], flagPairs[i + 1], "flag");
        }
        return b.build();
    }

    @Test
    void mnistDefaultsToNoAugmentationAndReduceOnPlateau() {
        MnistJobConfig c = MnistJobConfig.from(settings(null));
        assertNull(c.augment().elastic());
        assertEquals(0, c.augment().epochExamples());
        assertEquals(0, c.training().learningRate().cosineEpochs());
        assertEquals(0.008 * 0.5 * 0.5, c.training().learningRate().forEpoch(7, 2), 1e-12);
    }

    @Test
    void theRecipeFileTurnsOnElasticDistortionsAndTheCosineSchedule() {
        MnistJobConfig c = MnistJobConfig.from(settings("conf/mnist-elastic.properties"));
        assertEquals(34, c.augment().elastic().alpha());
        assertEquals(4, c.augment().elastic().sigma());
        assertEquals(12, c.augment().elastic().rotationDegrees());
        assertEquals(0.12, c.augment().elastic().scale());
        assertEquals(0.15, c.augment().elastic().shear());
        assertEquals(c.training().epochs(), c.training().learningRate().cosineEpochs());
        assertEquals(1, c.training().learningRate().decayPerEpoch());
        assertEquals(java.util.List.of(1568), c.hidden(), "the recipe trains the tutorial's network");
    }

    @Test
    void flagsOverrideTheRanges() {
        MnistJobConfig c = MnistJobConfig.from(settings(null, "augment", "elastic", "elastic-alpha", "8",
                "elastic-sigma", "6", "elastic-translation", "2", "epoch-examples", "120000"));
        assertEquals(8, c.augment().elastic().alpha());
        assertEquals(6, c.augment().elastic().sigma());
        assertEquals(2, c.augment().elastic().translation());
        assertEquals(120000, c.augment().epochExamples());
    }

    @Test
    void badValuesNameTheirFlag() {
        assertBad("--augment: expected none or elastic, got 'affine'", "augment", "affine");
        assertBad("--elastic-sigma: must be in (0, 100] pixels, got '0'", "augment", "elastic", "elastic-sigma", "0");
        assertBad("--elastic-scale: must be in [0, 1), e.g. 0.12 for +-12%, got '1'", "augment", "elastic", "elastic-scale", "1");
        assertBad("--elastic-rotation: must be in [0, 180) degrees, got '-3'", "augment", "elastic", "elastic-rotation", "-3");
        assertBad("--epoch-examples: must be zero (one per training image) or a positive whole number, got '-5'",
                "epoch-examples", "-5");
        assertBad("--lr-schedule: expected exponential, cosine or plateau, got 'linear'", "lr-schedule", "linear");
    }

    private static void assertBad(String message, String... flags) {
        BadInputException e = assertThrows(BadInputException.class, () -> MnistJobConfig.from(settings(null, flags)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void cosineScheduleFallsFromTheInitialRateToNearZero() {
        LearningRateSchedule s = new LearningRateSchedule(0.002, 1, 40);
        assertEquals(0.002, s.forEpoch(1), 1e-15);
        assertEquals(0.001, s.forEpoch(21), 1e-12, "half way");
        assertTrue(s.forEpoch(40) > 0 && s.forEpoch(40) < 0.002 * 0.01, "last epoch " + s.forEpoch(40));
        for (int e = 1; e < 40; e++) {
            assertTrue(s.forEpoch(e + 1) < s.forEpoch(e), "falls every epoch");
        }
        assertEquals(0.5 * 0.002 * 0.9, new LearningRateSchedule(0.002, 0.9, 2).forEpoch(2), 1e-15,
                "a decay below 1 multiplies in");
    }
}
