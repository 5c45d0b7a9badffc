package dev.sparknet.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad values of the Spark ML bench flags: one line naming the flag, exit 2, before Spark starts or anything is written. */
class SparkMlBenchFlagsTest {
    @TempDir
    Path tmp;

    @Test
    void badSparkMlFlagsAreOneLineAndExitTwo() {
        List<String[]> cases = List.of(new String[]{"--mllib --depth-vs-width", "--mllib and --depth-vs-width"},
                new String[]{"--mllib --levels 0.9,1.2", "--levels"}, new String[]{"--mllib --mllib-chunk 0", "--mllib-chunk"},
                new String[]{"--depth-vs-width --cv-shapes 1568/x", "--cv-shapes"},
                new String[]{"--depth-vs-width --cv-folds 1", "--cv-folds"},
                new String[]{"--depth-vs-width --cv-learning-rates 0.01,-1", "--cv-learning-rates"});
        for (String[] c : cases) {
            String[] flags = c[0].split(" ");
            List<String> args = new ArrayList<>(List.of("bench", "--output", tmp.resolve("never").toString()));
            args.addAll(List.of(flags));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(Main.BAD_INPUT, run.code(), String.join(" ", flags) + ": " + run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertFalse(run.err().contains("Exception"), run.err());
            assertTrue(run.err().contains(c[1]), "names " + c[1] + ": " + run.err());
            assertFalse(Files.exists(tmp.resolve("never")));
        }
    }
}
