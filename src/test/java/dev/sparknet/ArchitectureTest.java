package dev.sparknet;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packages as rooms data flows through, checked on the sources: each package imports only packages
 * before it in {@link #FLOW}, so there is no import loop and nothing reaches back upstream; no file in
 * src/main is longer than 250 lines; JSON crosses layers as records, not as maps.
 */
class ArchitectureTest {
    /** Upstream first. spark is Spark's edge (contexts, serializers); jobs and the approx experiment use it. */
    static final List<String> FLOW = List.of("model", "data", "augment", "training", "evaluation", "artifacts", "export", "report", "bench",
            "config", "spark", "jobs", "ml", "mlbench", "approx", "cli");
    private static final Path MAIN = Path.of("src/main/java/dev/sparknet");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.sparknet\\.([a-z]+)\\.", Pattern.MULTILINE);

    private static Map<Path, String> sources() throws IOException {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                out.put(p, Files.readString(p));
            }
        }
        return out;
    }

    @Test
    void everyPackageImportsOnlyUpstream() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<Path, String> source : sources().entrySet()) {
            Path relative = MAIN.relativize(source.getKey());
            if (relative.getNameCount() < 2) {
                continue; // dev.sparknet's own exceptions, importable by all
            }
            String from = relative.getName(0).toString();
            assertTrue(FLOW.contains(from), "package " + from + " is not placed in FLOW");
            Matcher m = IMPORT.matcher(source.getValue());
            while (m.find()) {
                String to = m.group(1);
                if (!to.equals(from) && FLOW.indexOf(to) > FLOW.indexOf(from)) {
                    violations.add(relative + " imports " + to);
                }
            }
        }
        assertEquals(List.of(), violations, "imports against the flow " + FLOW);
    }

    @Test
    void noFileOver250Lines() throws IOException {
        List<String> long_ = new ArrayList<>();
        for (Map.Entry<Path, String> source : sources().entrySet()) {
            long lines = source.getValue().lines().count();
            if (lines > 250) {
                long_.add(MAIN.relativize(source.getKey()) + " (" + lines + ")");
            }
        }
        assertEquals(List.of(), long_);
    }

    @Test
    void atMostTenUntypedMaps() throws IOException {
        long maps = sources().values().stream()
                .mapToLong(s -> Pattern.compile("Map<String, Object>").matcher(s).results().count()).sum();
        assertTrue(maps <= 10, maps + " uses of Map<String, Object> in src/main");
    }
}
