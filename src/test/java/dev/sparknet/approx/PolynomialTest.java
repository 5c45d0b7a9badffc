package dev.sparknet.approx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolynomialTest {
    private static final Polynomial CUBIC = Polynomial.parse("1,1,-1,-1");

    @Test
    void parsesHighestDegreeFirst() {
        assertArrayEquals(new double[]{1, 1, -1, -1}, CUBIC.coefficients());
        assertEquals(3, CUBIC.degree());
        assertEquals("x^3 + x^2 - x - 1", CUBIC.toString());
        Polynomial quartic = Polynomial.parse(" 1, -14 ,-83,168,540 ");
        assertEquals(4, quartic.degree());
        assertEquals("x^4 - 14x^3 - 83x^2 + 168x + 540", quartic.toString());
        assertEquals(Polynomial.of(2.5, 0, -1e-3), Polynomial.parse("2.5,0,-1e-3"));
        assertEquals(Polynomial.of(7), Polynomial.parse("7"));
    }

    @Test
    void leadingZerosDoNotRaiseTheDegree() {
        assertEquals(Polynomial.of(1, 2), Polynomial.parse("0,0,1,2"));
        assertEquals(1, Polynomial.parse("0,0,1,2").degree());
        assertEquals(0, Polynomial.parse("0,0").degree());
    }

    @Test
    void evaluatesByHorner() {
        assertEquals(-1, CUBIC.evaluate(0), 0);
        assertEquals(0, CUBIC.evaluate(1), 0);
        assertEquals(0, CUBIC.evaluate(-1), 0);
        assertEquals(125 + 25 - 5 - 1, CUBIC.evaluate(5), 0);
        assertEquals(-343 + 49 + 7 - 1, CUBIC.evaluate(-7), 0);
        Polynomial quartic = Polynomial.parse("1,-14,-83,168,540");
        for (double x : new double[]{-7.5, -2, 0, 0.3, 3, 11}) {
            double direct = Math.pow(x, 4) - 14 * Math.pow(x, 3) - 83 * x * x + 168 * x + 540;
            assertEquals(direct, quartic.evaluate(x), 1e-9 * Math.max(1, Math.abs(direct)));
        }
    }

    @Test
    void meanAndVarianceOverAnIntervalAreExact() {
        // x^3 + x^2 - x - 1 on [-5, 5]: E[p] = 22/3, E[p^2] = 44096/21, so Var = 128900/63 = 2046.03 (exact fractions)
        assertEquals(22.0 / 3, CUBIC.mean(-5, 5), 1e-12);
        assertEquals(128900.0 / 63, CUBIC.variance(-5, 5), 1e-9);
        assertEquals(1.0 / 12, Polynomial.of(1, 0).variance(0, 1), 1e-12, "x on [0, 1]");
        assertEquals(0, Polynomial.of(3).variance(-1, 4), 0, "a constant does not vary");
        double numeric = 0;
        double sumSq = 0;
        int n = 200_000;
        Polynomial q = Polynomial.parse("1,-14,-83,168,540");
        for (int i = 0; i < n; i++) {
            double y = q.evaluate(-5 + 10 * (i + 0.5) / n);
            numeric += y;
            sumSq += y * y;
        }
        double mean = numeric / n;
        assertEquals(mean, q.mean(-5, 5), 1e-6 * Math.abs(mean));
        assertEquals(sumSq / n - mean * mean, q.variance(-5, 5), 1e-5 * q.variance(-5, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", ",", "1,,2", "1,2,", ",1"})
    void emptyCoefficientsAreRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Polynomial.parse(text));
        assertTrue(e.getMessage().contains("empty") || e.getMessage().contains("expected comma-separated"), e.getMessage());
    }

    @Test
    void errorsSayWhichCoefficientIsWrong() {
        assertEquals("coefficient 2 of 3 is empty (e.g. 1,1,-1,-1: highest degree first)",
                assertThrows(IllegalArgumentException.class, () -> Polynomial.parse("1,,2")).getMessage());
        assertEquals("coefficient 1 ('a') is not a number",
                assertThrows(IllegalArgumentException.class, () -> Polynomial.parse("a,b")).getMessage());
        assertEquals("coefficient 3 ('1e999') is too large",
                assertThrows(IllegalArgumentException.class, () -> Polynomial.parse("1,2,1e999")).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "1,NaN", "Infinity", "-Infinity,1", "inf", "1,2d", "0x10", "1 2", "1;2", "--1", "1e"})
    void nonNumbersAndNonFiniteValuesAreRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> Polynomial.parse(text));
    }

    @Test
    void constructorRejectsNonFiniteAndEmpty() {
        assertThrows(IllegalArgumentException.class, () -> Polynomial.of());
        assertThrows(IllegalArgumentException.class, () -> Polynomial.of(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Polynomial.of(Double.POSITIVE_INFINITY));
    }

    @Test
    void thePartsOfAnIntervalOutsideAnother() {
        Interval range = new Interval(-5, 5);
        assertEquals(List.of(new Interval(-7, -5), new Interval(5, 7)), new Interval(-7, 7).outside(range));
        assertEquals(List.of(new Interval(5, 9)), new Interval(-5, 9).outside(range));
        assertEquals(List.of(), range.outside(range));
        assertThrows(IllegalArgumentException.class, () -> new Interval(-6, 4).outside(range));
    }

    @Test
    void intervalParsing() {
        assertEquals(new Interval(-5, 5), Interval.parse("-5..5"));
        assertEquals(new Interval(-7.5, 7), Interval.parse(" -7.5 .. 7 "));
        assertEquals(new Interval(-5, 5), Interval.parse("-5,5"));
        for (String bad : new String[]{"", "5", "5..-5", "1..1", "a..b", "1..2..3", "-inf..0", "NaN..1"}) {
            assertThrows(IllegalArgumentException.class, () -> Interval.parse(bad), bad);
        }
    }
}
