package dev.sparknet.cli;

import dev.sparknet.config.RetrainJobConfig;
import dev.sparknet.config.Settings;
import org.apache.commons.cli.DefaultParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flags of `retrain` that fail or parse before Spark starts. */
class RetrainCommandTest {
    private static RetrainJobConfig parse(String... args) throws Exception {
        Command retrain = new RetrainCommand();
        Settings s = Main.settings(retrain, new DefaultParser().parse(Main.options(retrain), args, false));
        return RetrainJobConfig.from(s);
    }

    @Test
    void resumeTakesAnOptionalRunId() throws Exception {
        assertFalse(parse("--registry", "r", "--data", "d").resuming());
        assertEquals(RetrainJobConfig.RESUME_LATEST, parse("--registry", "r", "--resume", "--data", "d").resume());
        assertEquals(RetrainJobConfig.RESUME_LATEST, parse("--registry", "r", "--data", "d", "--resume").resume());
        assertEquals("20250101T000000Z-abc123",
                parse("--registry", "r", "--resume", "20250101T000000Z-abc123", "--data", "d").resume());
    }

    @Test
    void defaultsComeFromTheBundledProperties() throws Exception {
        RetrainJobConfig c = parse("--registry", "r", "--data", "d");
        assertEquals(100, c.training().epochs(), "a cold start: --epochs auto, at most 100, early stopping");
        assertEquals(3, c.training().patience());
        assertEquals(3, c.training(true).epochs());
        assertEquals(0.0013, c.training(true).learningRate().initial(), 0.0);
        assertEquals(0.008, c.training(false).learningRate().initial(), 0.0);
        assertEquals(0.0, c.tolerance(), 0.0);
        assertEquals(c.settingsHash(), parse("--data", "d", "--registry", "other").settingsHash(),
                "the registry is not a training setting");
        assertFalse(c.settingsHash().equals(parse("--registry", "r", "--data", "d", "--seed", "7").settingsHash()));
    }

    @Test
    void badToleranceIsExitCodeTwoNamingTheFlag() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(new String[]{"retrain", "--registry", "r", "--data", "d", "--tolerance", "1.5"});
        } finally {
            System.setErr(old);
        }
        assertEquals(Main.BAD_INPUT, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--tolerance"), err.toString(StandardCharsets.UTF_8));
    }
}
