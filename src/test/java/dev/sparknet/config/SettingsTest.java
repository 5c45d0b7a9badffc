package dev.sparknet.config;

import dev.sparknet.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {
    private static Settings flagValue(String key, String value) {
        return Settings.builder().put(key, value, "flag").build();
    }

    private static BadInputException assertBad(String expectedStart, String phrase, Executable call) {
        BadInputException e = assertThrows(BadInputException.class, call);
        assertTrue(e.getMessage().startsWith(expectedStart), "should start with '" + expectedStart + "': " + e.getMessage());
        assertTrue(e.getMessage().contains(phrase), "should contain '" + phrase + "': " + e.getMessage());
        return e;
    }

    @Test
    void positiveInt() {
        assertEquals(128, flagValue("batch", "128").positiveInt("batch"));
        assertEquals(7, flagValue("batch", "  7 ").positiveInt("batch"));
        assertBad("--batch: ", "must be a positive whole number, got '0'", () -> flagValue("batch", "0").positiveInt("batch"));
        assertBad("--batch: ", "must be a positive whole number", () -> flagValue("batch", "-3").positiveInt("batch"));
        assertBad("--batch: ", "expected a whole number, got 'x'", () -> flagValue("batch", "x").positiveInt("batch"));
        assertBad("--batch: ", "expected a whole number", () -> flagValue("batch", "1.5").positiveInt("batch"));
        assertBad("--batch: ", "expected a whole number", () -> flagValue("batch", "99999999999").positiveInt("batch"));
    }

    @Test
    void nonNegativeInt() {
        assertEquals(0, flagValue("workers", "0").nonNegativeInt("workers"));
        assertEquals(4, flagValue("workers", "4").nonNegativeInt("workers"));
        assertBad("--workers: ", "must be zero or a positive whole number, got '-1'",
                () -> flagValue("workers", "-1").nonNegativeInt("workers"));
        assertBad("--workers: ", "expected a whole number", () -> flagValue("workers", "four").nonNegativeInt("workers"));
    }

    @Test
    void anyLong() {
        assertEquals(-5L, flagValue("seed", "-5").anyLong("seed"));
        assertEquals(12345678901L, flagValue("seed", "12345678901").anyLong("seed"));
        assertBad("--seed: ", "expected a whole number, got '4.2'", () -> flagValue("seed", "4.2").anyLong("seed"));
    }

    @Test
    void positiveDouble() {
        assertEquals(0.001, flagValue("learning-rate", "0.001").positiveDouble("learning-rate"));
        assertEquals(1e-4, flagValue("learning-rate", "1e-4").positiveDouble("learning-rate"));
        for (String bad : List.of("0", "-0.1", "Infinity", "NaN")) {
            assertBad("--learning-rate: ", "got '" + bad + "'",
                    () -> flagValue("learning-rate", bad).positiveDouble("learning-rate"));
        }
        assertBad("--learning-rate: ", "must be a positive number",
                () -> flagValue("learning-rate", "-0.1").positiveDouble("learning-rate"));
        assertBad("--learning-rate: ", "expected a number, got 'fast'",
                () -> flagValue("learning-rate", "fast").positiveDouble("learning-rate"));
    }

    @Test
    void anyDouble() {
        assertEquals(-2.5, flagValue("x", "-2.5").anyDouble("x"));
        assertBad("--x: ", "expected a number", () -> flagValue("x", "NaN").anyDouble("x"));
        assertBad("--x: ", "expected a number", () -> flagValue("x", "1,5").anyDouble("x"));
    }

    @Test
    void flag() {
        Settings s = Settings.builder()
                .put("a", "", "flag").put("b", "true", "flag").put("c", "YES", "flag").put("d", "1", "flag")
                .put("e", "false", "flag").put("f", "No", "flag").put("g", "0", "flag").put("h", "maybe", "flag")
                .build();
        assertTrue(s.flag("a"));
        assertTrue(s.flag("b"));
        assertTrue(s.flag("c"));
        assertTrue(s.flag("d"));
        assertFalse(s.flag("e"));
        assertFalse(s.flag("f"));
        assertFalse(s.flag("g"));
        assertFalse(s.flag("absent"));
        assertBad("--h: ", "expected true or false, got 'maybe'", () -> s.flag("h"));
    }

    @Test
    void positiveIntList() {
        assertEquals(List.of(1568, 1568), flagValue("hidden", "1568,1568").positiveIntList("hidden"));
        assertEquals(List.of(10), flagValue("hidden", "10").positiveIntList("hidden"));
        assertEquals(List.of(3, 4), flagValue("hidden", " 3 , 4 ").positiveIntList("hidden"));
        assertBad("--hidden: ", "every entry must be a positive whole number",
                () -> flagValue("hidden", "0").positiveIntList("hidden"));
        assertBad("--hidden: ", "every entry must be a positive whole number",
                () -> flagValue("hidden", "100,-1").positiveIntList("hidden"));
        assertBad("--hidden: ", "expected comma-separated positive whole numbers (e.g. 1568 or 1568,1568), got 'a,b'",
                () -> flagValue("hidden", "a,b").positiveIntList("hidden"));
        assertBad("--hidden: ", "expected comma-separated positive whole numbers",
                () -> flagValue("hidden", "12,").positiveIntList("hidden"));
        assertBad("--hidden is required", "", () -> flagValue("hidden", "").positiveIntList("hidden"));
    }

    @Test
    void requiredAndOptional() {
        Settings s = Settings.builder().put("data", " /d ", "flag").put("empty", "", "flag").build();
        assertEquals("/d", s.required("data"));
        assertTrue(s.has("data"));
        assertFalse(s.has("empty"));
        assertTrue(s.optional("empty").isEmpty());
        assertEquals("fallback", s.string("empty", "fallback"));
        assertEquals("/d", s.string("data", "fallback"));
        assertBad("--output is required", "", () -> s.required("output"));
        assertBad("--output is required", "", () -> s.positiveInt("output"));
        assertEquals(Map.of("data", "/d", "empty", ""), s.asMap());
    }

    @Test
    void errorNamesThePropertiesFileTheValueCameFrom() {
        Settings s = Settings.builder().put("epochs", "five", "/home/me/my.properties").build();
        BadInputException e = assertBad("--epochs (from /home/me/my.properties): ", "expected a whole number, got 'five'",
                () -> s.positiveInt("epochs"));
        assertEquals("--epochs (from /home/me/my.properties): expected a whole number, got 'five'", e.getMessage());
    }

    @Test
    void laterPutWinsAndCarriesItsSource() {
        Settings s = Settings.builder()
                .put("epochs", "0", "conf/sparknet.properties")
                .put("epochs", "x", "flag")
                .build();
        BadInputException e = assertThrows(BadInputException.class, () -> s.positiveInt("epochs"));
        assertEquals("--epochs: expected a whole number, got 'x'", e.getMessage());
    }
}
