package dev.sparknet.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every job's flags, pinned: name, argument name, whether the value is optional, and description, as they were
 * written out from the commands before their flags became text tables (flags-per-command.tsv, one flag a line:
 * job, name, argName or -, optionalValue, description, tab-separated). Scripts and --help readers depend on these,
 * so a change here is a change of the command line, not of how it is declared. Order is not compared: --help may
 * list a group of shared flags in one place where a job used to interleave them.
 */
class FlagsPerCommandTest {
    private static final String PINNED = "flags-per-command.tsv";

    @Test
    void everyJobKeepsExactlyItsFlags() throws IOException {
        Map<String, List<String>> expected = pinned();
        Map<String, List<String>> actual = new TreeMap<>();
        for (Command c : Main.COMMANDS) {
            actual.put(c.name(), c.flags().stream().map(f -> row(c, f)).sorted().toList());
        }
        assertEquals(expected.keySet(), actual.keySet(), "jobs");
        for (String job : expected.keySet()) {
            assertEquals(String.join("\n", expected.get(job)), String.join("\n", actual.get(job)), "flags of " + job);
        }
    }

    private static String row(Command c, Flag f) {
        return String.join("\t", c.name(), f.name(), f.argName() == null ? "-" : f.argName(),
                String.valueOf(f.optionalValue()), f.description());
    }

    private static Map<String, List<String>> pinned() throws IOException {
        try (InputStream in = FlagsPerCommandTest.class.getResourceAsStream(PINNED)) {
            assertNotNull(in, PINNED);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .collect(Collectors.groupingBy(line -> line.substring(0, line.indexOf('\t')), TreeMap::new,
                            Collectors.collectingAndThen(Collectors.toList(), rows -> rows.stream().sorted().toList())));
        }
    }
}
