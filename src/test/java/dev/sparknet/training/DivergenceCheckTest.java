package dev.sparknet.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DivergenceCheckTest {
    private final DivergenceCheck tenClasses = DivergenceCheck.forClassifier(10);

    @Test
    void aLearningClassifierPasses() {
        assertDoesNotThrow(() -> tenClasses.check(2.4, "in epoch 1")); // a fresh network: about ln 10
        assertDoesNotThrow(() -> tenClasses.check(0.05, "in epoch 5"));
    }

    @Test
    void nonFiniteLossIsDivergence() {
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> tenClasses.check(Double.NaN, "in epoch 2"));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("epoch 2"), e.getMessage());
        assertThrows(TrainingDivergedException.class,
                () -> DivergenceCheck.NON_FINITE_ONLY.check(Double.POSITIVE_INFINITY, "x"));
    }

    @Test
    void aLossFarAboveGuessingIsDivergence() {
        // measured on MNIST with --learning-rate 50: loss 11.07 after the first epoch, accuracy at chance
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> tenClasses.check(11.07, "in epoch 1"));
        assertTrue(e.getMessage().contains("11.07") && e.getMessage().contains("2.30")
                && e.getMessage().contains("--learning-rate"), e.getMessage());
    }

    @Test
    void regressionHasNoUpperBound() {
        assertDoesNotThrow(() -> DivergenceCheck.NON_FINITE_ONLY.check(1e6, "in epoch 1"));
    }
}
