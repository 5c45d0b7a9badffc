package dev.sparknet.config;

import dev.sparknet.BadInputException;
import dev.sparknet.cli.JobSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultSettingsTest {
    @Test
    void bundledDefaultsForMnist() {
        Map<String, String[]> d = DefaultSettings.forJob("mnist", null);
        assertArrayEquals(new String[]{"1568", "conf/sparknet.properties"}, d.get("hidden"));
        assertArrayEquals(new String[]{"256", "conf/sparknet.properties"}, d.get("batch"));
        assertTrue(d.containsKey("epochs"));
        assertTrue(d.containsKey("learning-rate"));
        // only the training.* and mnist.* keys, without their prefix
        assertFalse(d.keySet().stream().anyMatch(k -> k.contains(".")), d.keySet().toString());
    }

    @Test
    void bundledDefaultsForEvaluateAreSeparate() {
        Map<String, String[]> d = DefaultSettings.forJob("evaluate", "  ");
        assertEquals("500", d.get("batch")[0]);
        assertFalse(d.containsKey("hidden"));
    }

    @Test
    void userFileOverridesBundledDefaults(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("mine.properties"),
                "mnist.batch=64\nmnist.epochs=1\nevaluate.batch=7\nother=1\n");
        Map<String, String[]> d = DefaultSettings.forJob("mnist", file.toString());
        assertArrayEquals(new String[]{"64", file.toString()}, d.get("batch"));
        assertArrayEquals(new String[]{"1", file.toString()}, d.get("epochs"));
        assertArrayEquals(new String[]{"1568", "conf/sparknet.properties"}, d.get("hidden"));
        assertFalse(d.containsKey("other"));
    }

    @Test
    void trainingDefaultsAreWrittenOnceAndSharedByTheTrainingJobs(@TempDir Path dir) throws IOException {
        for (String job : DefaultSettings.TRAINING_JOBS) {
            assertArrayEquals(new String[]{"0.008", "conf/sparknet.properties"},
                    DefaultSettings.forJob(job, null).get("learning-rate"), job);
        }
        assertEquals("elastic", DefaultSettings.forJob("bench", null).get("augment")[0], "bench's own entry wins");
        assertEquals("none", DefaultSettings.forJob("mnist", null).get("augment")[0]);
        assertEquals("8%", DefaultSettings.forJob("retrain", null).get("validation")[0]);
        assertEquals("0", DefaultSettings.forJob("bench", null).get("validation")[0], "bench times a fixed amount of work");
        assertFalse(DefaultSettings.forJob("evaluate", null).containsKey("learning-rate"));
        // a user's training.* entry beats the bundled file's job entries; the user's job entry beats both
        Path file = Files.writeString(dir.resolve("mine.properties"), "training.validation=100\nbench.validation=7\n");
        assertEquals("100", DefaultSettings.forJob("retrain", file.toString()).get("validation")[0]);
        assertEquals("100", DefaultSettings.forJob("mnist", file.toString()).get("validation")[0]);
        assertEquals("7", DefaultSettings.forJob("bench", file.toString()).get("validation")[0]);
    }

    @Test
    void missingUserFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        BadInputException e = assertThrows(BadInputException.class,
                () -> DefaultSettings.forJob("mnist", missing.toString()));
        assertEquals("--conf " + missing + ": no such file", e.getMessage());
    }

    @Test
    void directoryAsUserFileIsNamed(@TempDir Path dir) {
        BadInputException e = assertThrows(BadInputException.class, () -> DefaultSettings.forJob("mnist", dir.toString()));
        assertTrue(e.getMessage().startsWith("--conf " + dir + ": "), e.getMessage());
    }

    @Test
    void badValueFromUserFileNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("mine.properties"), "mnist.epochs=lots\n");
        Settings s = JobSettings.of("mnist", "conf", file.toString());
        BadInputException e = assertThrows(BadInputException.class, () -> s.positiveInt("epochs"));
        assertEquals("--epochs (from " + file + "): expected a whole number, got 'lots'", e.getMessage());
    }

    @Test
    void flagsWinOverTheUserFileWhichWinsOverTheBundledDefaults(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("mine.properties"), "mnist.batch=64\nmnist.epochs=1\n");
        Settings s = JobSettings.of("mnist", "conf", file.toString(), "epochs", "9");
        assertEquals(9, s.positiveInt("epochs"));
        assertEquals(64, s.positiveInt("batch"));
        assertEquals(1568, s.positiveInt("hidden"));
        assertEquals("--epochs: x, got '9'", s.bad("epochs", "x").getMessage());
        assertEquals("--batch (from " + file + "): x, got '64'", s.bad("batch", "x").getMessage());
        assertEquals("--hidden (from conf/sparknet.properties): x, got '1568'", s.bad("hidden", "x").getMessage());
    }
}
