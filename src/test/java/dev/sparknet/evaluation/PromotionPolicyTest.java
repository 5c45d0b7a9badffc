package dev.sparknet.evaluation;

import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromotionPolicyTest {
    @Test
    void firstModelIsAlwaysPromoted() {
        PromotionPolicy.Decision d = new PromotionPolicy(0).decide(OptionalDouble.empty(), 0.11);
        assertTrue(d.promote());
        assertTrue(d.reason().contains("first model"), d.reason());
    }

    @Test
    void equalOrBetterIsPromotedWorseIsKept() {
        PromotionPolicy strict = new PromotionPolicy(0);
        assertTrue(strict.decide(OptionalDouble.of(0.98), 0.98).promote());
        assertTrue(strict.decide(OptionalDouble.of(0.98), 0.981).promote());
        PromotionPolicy.Decision worse = strict.decide(OptionalDouble.of(0.98), 0.9799);
        assertFalse(worse.promote());
        assertTrue(worse.reason().contains("0.9799 < champion 0.9800"), worse.reason());
    }

    @Test
    void toleranceLetsASlightlyWorseChallengerThrough() {
        PromotionPolicy lenient = new PromotionPolicy(0.002);
        assertTrue(lenient.decide(OptionalDouble.of(0.980), 0.9785).promote());
        assertFalse(lenient.decide(OptionalDouble.of(0.980), 0.9775).promote());
    }

    @Test
    void toleranceMustBeAFraction() {
        assertThrows(IllegalArgumentException.class, () -> new PromotionPolicy(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new PromotionPolicy(1));
        assertThrows(IllegalArgumentException.class, () -> new PromotionPolicy(Double.NaN));
    }
}
