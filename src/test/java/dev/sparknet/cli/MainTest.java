package dev.sparknet.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes and error lines of the command line; only cases that fail before Spark starts. */
class MainTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        /** The single line of stderr; fails unless there is exactly one. */
        String oneErrorLine() {
            assertEquals(1, errLines().size(), "expected exactly one line on stderr, got:\n" + err);
            return errLines().get(0);
        }
    }

    private static Result run(String... args) {
        CliRun r = CliRun.of(args);
        return new Result(r.code(), r.out(), r.err());
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), "expected '" + part + "' in: " + text);
        }
    }

    @Test
    void noArgumentsPrintsJobsToStderrAndFails() {
        Result r = run();
        assertEquals(Main.BAD_INPUT, r.code());
        assertEquals(2, r.code());
        assertContains(r.err(), "usage:", "mnist", "evaluate");
        assertEquals("", r.out());
    }

    @Test
    void helpPrintsJobsToStdout() {
        Result r = run("--help");
        assertEquals(0, r.code());
        assertContains(r.out(), "usage:", "mnist", "evaluate");
        assertEquals("", r.err());
    }

    @Test
    void unknownJob() {
        Result r = run("train-everything");
        assertEquals(2, r.code());
        assertContains(r.oneErrorLine(), "unknown job 'train-everything'", "mnist", "evaluate");
    }

    @Test
    void jobHelpShowsFlagsWithDefaults() {
        Result r = run("mnist", "--help");
        assertEquals(0, r.code());
        assertContains(r.out(), "--data", "--output", "--hidden", "(default 1568)", "(default 256)");
        assertEquals("", r.err());
    }

    @Test
    void convertIsListedAndItsHelpSaysWhatTheTablesHold() {
        assertContains(run("--help").out(), "convert");
        Result r = run("convert", "--help");
        assertEquals(0, r.code());
        assertContains(r.out(), "--data", "--output", "--master", "label (int", "pixel / 255", "array<byte> or binary");
        assertEquals("", r.err());
    }

    @Test
    void evaluateHelp() {
        Result r = run("evaluate", "--help");
        assertEquals(0, r.code());
        assertContains(r.out(), "--model", "(default 500)");
    }

    @Test
    void unknownFlag() {
        Result r = run("mnist", "--bogus");
        assertEquals(2, r.code());
        assertContains(r.oneErrorLine(), "sparknet mnist: error: ", "unknown flag --bogus");
    }

    @Test
    void unexpectedPositionalArgument() {
        Result r = run("mnist", "stray", "--data", "d", "--output", "o");
        assertEquals(2, r.code());
        assertContains(r.oneErrorLine(), "unexpected argument 'stray'");
    }

    @Test
    void flagMissingItsValue() {
        Result r = run("mnist", "--data");
        assertEquals(2, r.code());
        assertContains(r.oneErrorLine(), "sparknet mnist: error: ", "data");
    }

    @Test
    void badEpochsNamesTheFlag() {
        Path out = tmp.resolve("out");
        Result r = run("mnist", "--epochs", "x", "--data", tmp.toString(), "--output", out.toString());
        assertEquals(2, r.code());
        assertEquals("sparknet mnist: error: --epochs: expected a whole number, got 'x'", r.oneErrorLine());
        assertFalse(Files.exists(out));
    }

    @Test
    void missingOutputFlag() {
        Result r = run("mnist", "--data", tmp.toString());
        assertEquals(2, r.code());
        assertEquals("sparknet mnist: error: --output is required", r.oneErrorLine());
    }

    @Test
    void nonexistentDataDirectoryAndNoOutputCreated() {
        Path data = tmp.resolve("nonexistent");
        Path out = tmp.resolve("out");
        Result r = run("mnist", "--data", data.toString(), "--output", out.toString());
        assertEquals(2, r.code());
        assertContains(r.oneErrorLine(), "--data " + data, "no such directory");
        assertFalse(Files.exists(out), "nothing published");
        assertEquals(List.of(), listNames(tmp), "no staging directory either");
    }

    @Test
    void badValueInConfFileNamesTheFile() throws IOException {
        Path conf = Files.writeString(tmp.resolve("my.properties"), "mnist.hidden=12,\n");
        Result r = run("mnist", "--conf", conf.toString(), "--data", tmp.toString(), "--output", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertContains(r.oneErrorLine(), "--hidden (from " + conf + ")", "got '12,'");
    }

    @Test
    void missingConfFile() {
        Path conf = tmp.resolve("missing.properties");
        Result r = run("mnist", "--conf", conf.toString(), "--data", tmp.toString(), "--output", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertEquals("sparknet mnist: error: --conf " + conf + ": no such file", r.oneErrorLine());
    }

    @Test
    void evaluateWithMissingModelNamesIt() {
        Path model = tmp.resolve("nonexistent.zip");
        Path out = tmp.resolve("out");
        Result r = run("evaluate", "--model", model.toString(), "--data", tmp.toString(), "--output", out.toString());
        assertEquals(2, r.code());
        assertContains(r.oneErrorLine(), "sparknet evaluate: error: --model " + model, "no such file");
        assertFalse(Files.exists(out));
    }

    private static List<String> listNames(Path dir) {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
