package dev.sparknet.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The `approx` job on the command line, for cases that fail before Spark starts. */
class ApproxCommandTest {
    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        CliRun r = CliRun.of(args);
        return new String[]{String.valueOf(r.code()), r.out(), r.err()};
    }

    @Test
    void badCoefficientsExitWithTwoAndOneLineNamingTheFlag() {
        Path out = tmp.resolve("out");
        String[] r = run("approx", "--coefficients", "1,x", "--output", out.toString());
        assertEquals("2", r[0]);
        assertEquals(1, r[2].lines().count(), r[2]);
        assertTrue(r[2].startsWith("sparknet approx: error: --coefficients: coefficient 2 ('x') is not a number"), r[2]);
        assertFalse(Files.exists(out), "nothing is created for bad input");
    }

    @Test
    void helpListsTheFlagsWithDefaults() {
        String[] r = run("approx", "--help");
        assertEquals("0", r[0]);
        for (String part : new String[]{"--coefficients", "(default 1,1,-1,-1)", "--range", "(default -5..5)", "--restarts",
                "--screen-epochs", "--keep", "--span", "--batch 1 --samples 10000 --epochs 1"}) {
            assertTrue(r[1].contains(part), "expected '" + part + "' in:\n" + r[1]);
        }
        assertTrue(run("--help")[1].contains("approx"), "the job list names approx");
    }
}
