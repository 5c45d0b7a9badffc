package dev.sparknet.data;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CounterRandomTest {
    @Test
    void everyPartOfTheKeyMatters() {
        Set<Long> keys = new HashSet<>();
        for (long seed = 0; seed < 4; seed++) {
            for (int epoch = 0; epoch < 4; epoch++) {
                for (int draw = 0; draw < 4; draw++) {
                    for (int image = 0; image < 64; image++) {
                        keys.add(CounterRandom.key(seed, epoch, draw, image));
                    }
                }
            }
        }
        assertEquals(4 * 4 * 4 * 64, keys.size(), "distinct (seed, epoch, draw, image) give distinct keys");
        assertEquals(CounterRandom.key(42, 3, 0, 17), CounterRandom.key(42, 3, 0, 17));
    }

    @Test
    void uniformsAreInRangeAndCentred() {
        double sum = 0;
        int n = 0;
        for (long i = 0; i < 100_000; i++) {
            long bits = CounterRandom.bits(12345, i);
            for (float u : new float[]{CounterRandom.signedHigh(bits), CounterRandom.signedLow(bits)}) {
                assertTrue(u >= -1 && u < 1, "u " + u);
                sum += u;
                n++;
            }
        }
        assertEquals(0, sum / n, 0.01);
    }
}
