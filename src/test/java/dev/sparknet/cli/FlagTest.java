package dev.sparknet.cli;

import dev.sparknet.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flag table a job declares its flags in, and the check that a job lists each flag once. */
class FlagTest {
    @Test
    void valueOptionalValueToggleAndContinuation() {
        List<Flag> flags = Flag.table("""
                --data DIR          directory with the
                                    four MNIST files
                --resume [RUN_ID]   the newest run, or RUN_ID
                --hidden W[,W...]   widths
                --overwrite         replace --output
                """);
        assertEquals(List.of(
                new Flag("data", "DIR", "directory with the four MNIST files", false),
                new Flag("resume", "RUN_ID", "the newest run, or RUN_ID", true),
                new Flag("hidden", "W[,W...]", "widths", false),
                new Flag("overwrite", null, "replace --output", false)), flags);
    }

    @Test
    void singleSpacesBelongToTheDescriptionAndTheMarginIsTheFirstFlags() {
        // a text block whose closing quotes sit left of the table keeps the table's indentation
        List<Flag> flags = Flag.table("""
                    --epochs N|auto  passes; auto: until --patience runs out
                      (at most 100)
                    --help  show this help
                """);
        assertEquals(List.of(
                new Flag("epochs", "N|auto", "passes; auto: until --patience runs out (at most 100)", false),
                new Flag("help", null, "show this help", false)), flags);
    }

    @Test
    void malformedTablesFailNamingTheLine() {
        assertMalformed("--data DIR directory with the files", "line 1", "no description");
        assertMalformed("--data DIR extra  directory", "line 1", "--name ARG");
        assertMalformed("data DIR  directory", "line 1", "--name ARG");
        assertMalformed("--Data DIR  directory", "line 1", "--name ARG");
        assertMalformed("--resume [RUN_ID  run", "line 1", "[ARG]");
        assertMalformed("  --data DIR  directory\n--output DIR  out", "line 2", "indented less");
        assertMalformed("--data DIR  directory\n--data DIR  again", "line 2", "--data is already");
        assertMalformed("--data DIR\tdirectory", "line 1", "tab");
        assertMalformed("", "no flags");
    }

    @Test
    void aFlagIndentedTooFarIsNotTakenForAContinuation() {
        assertMalformed("--data DIR  d\n  --output DIR  o", "line 2", "two columns");
    }

    @Test
    void aJobListingAFlagTwiceFails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Command("j", "s", "e",
                Flag.SPARK_STAGING, Flag.table("--work-dir DIR  mine\n"), Flag.EVERY_JOB) {
            @Override
            int run(Settings settings) {
                return Main.OK;
            }
        });
        assertTrue(e.getMessage().contains("j lists --work-dir twice"), e.getMessage());
    }

    private static void assertMalformed(String table, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Flag.table(table));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }
}
