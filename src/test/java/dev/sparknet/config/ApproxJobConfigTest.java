package dev.sparknet.config;

import dev.sparknet.BadInputException;
import dev.sparknet.model.Interval;
import dev.sparknet.model.Polynomial;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApproxJobConfigTest {
    private static Settings settings(String... flags) {
        Settings.Builder b = Settings.builder();
        for (Map.Entry<String, String[]> e : DefaultSettings.forJob("approx", null).entrySet()) {
            b.put(e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        b.put("output", "/tmp/out", "flag");
        for (int i = 0; i < flags.length; i += 2) {
            b.put(flags[i], flags[i + 1], "flag");
        }
        return b.build();
    }

    private static String error(String... flags) {
        return assertThrows(BadInputException.class, () -> ApproxJobConfig.from(settings(flags))).getMessage();
    }

    @Test
    void defaultsAreTheIssuesExperiment() {
        ApproxJobConfig c = ApproxJobConfig.from(settings());
        assertEquals(Polynomial.of(1, 1, -1, -1), c.target());
        assertEquals(new Interval(-5, 5), c.range());
        assertEquals(new Interval(-7, 7), c.span());
        assertEquals("1-6-1", c.network(0).describe());
        assertTrue(c.restarts() > c.keep(), "restarts are screened by default");
        assertEquals(c.training().seed(), c.network(0).seed());
        assertTrue(c.network(1).seed() != c.network(0).seed());
    }

    @Test
    void theTutorialsSettingIsExpressible() {
        ApproxJobConfig c = ApproxJobConfig.from(settings("batch", "1", "samples", "10000", "epochs", "1",
                "learning-rate", "0.01", "lr-decay", "1", "restarts", "1", "workers", "1", "averaging-frequency", "10000"));
        assertEquals(1, c.training().batchSize());
        assertEquals(10_000, c.samples());
        assertEquals(0.01, c.training().learningRate().forEpoch(1));
        assertEquals(1, c.restarts());
    }

    @Test
    void badValuesNameTheirFlag() {
        assertTrue(error("coefficients", "1,x").startsWith("--coefficients: coefficient 2 ('x') is not a number"), error("coefficients", "1,x"));
        assertTrue(error("coefficients", "").startsWith("--coefficients is required"));
        assertTrue(error("coefficients", "3").contains("--coefficients: is constant"));
        assertTrue(error("range", "5..-5").startsWith("--range: "));
        assertTrue(error("span", "-6..4").startsWith("--span: must contain --range"));
        assertTrue(error("span", "-5..5").startsWith("--span: "));
        assertTrue(error("restarts", "0").startsWith("--restarts: "));
        assertTrue(error("batch", "40000").startsWith("--batch: is larger than --samples"));
        assertTrue(error("lr-decay", "1.5").startsWith("--lr-decay: "));
        assertTrue(error("hidden", "6,x").startsWith("--hidden: "));
    }
}
