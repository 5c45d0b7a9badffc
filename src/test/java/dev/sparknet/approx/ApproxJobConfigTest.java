package dev.sparknet.approx;

import dev.sparknet.BadInputException;
import dev.sparknet.cli.JobSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApproxJobConfigTest {
    private static ApproxJobConfig config(String... flags) {
        List<String> all = new ArrayList<>(List.of("output", "/tmp/out"));
        all.addAll(List.of(flags));
        return ApproxJobConfig.from(JobSettings.of("approx", all.toArray(String[]::new)));
    }

    private static String error(String... flags) {
        return assertThrows(BadInputException.class, () -> config(flags)).getMessage();
    }

    @Test
    void defaultsAreTheIssuesExperiment() {
        ApproxJobConfig c = config();
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
        ApproxJobConfig c = config("batch", "1", "samples", "10000", "epochs", "1",
                "learning-rate", "0.01", "lr-decay", "1", "restarts", "1", "workers", "1", "averaging-frequency", "10000");
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
