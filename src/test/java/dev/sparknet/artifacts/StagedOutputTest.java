package dev.sparknet.artifacts;

import dev.sparknet.BadInputException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StagedOutputTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path parent;

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> allFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void publishMakesTheDirectoryAppearWithItsFiles() throws IOException {
        Path target = parent.resolve("run-1");
        try (StagedOutput out = StagedOutput.begin(target.toString(), false, CONF)) {
            out.writeString("metrics.json", "{\"a\": 1}\n");
            try (OutputStream s = out.create("sub/model.bin")) {
                s.write(new byte[]{1, 2, 3});
            }
            assertFalse(Files.exists(target), "nothing at the target before publish");
            assertTrue(out.target().endsWith("run-1"), out.target());
            out.publish();
        }
        assertTrue(Files.isDirectory(target));
        assertEquals(List.of("metrics.json", "sub/model.bin"), allFiles(target), "no .crc or other side files");
        assertEquals("{\"a\": 1}\n", Files.readString(target.resolve("metrics.json"), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(target.resolve("sub/model.bin")));
        assertEquals(List.of("run-1"), names(parent), "no staging directory left in the parent");
    }

    @Test
    void closeWithoutPublishLeavesNothing() throws IOException {
        Path target = parent.resolve("run-2");
        try (StagedOutput out = StagedOutput.begin(target.toString(), false, CONF)) {
            out.writeString("metrics.json", "{}");
            assertEquals(1, names(parent).size(), "a staging directory exists while working");
            assertTrue(names(parent).get(0).startsWith(".run-2.staging-"), names(parent).toString());
        }
        assertFalse(Files.exists(target));
        assertEquals(List.of(), names(parent), "no hidden staging directory left behind");
    }

    @Test
    void existingTargetWithoutOverwriteIsRejectedUpFront() throws IOException {
        Path target = Files.createDirectory(parent.resolve("taken"));
        Files.writeString(target.resolve("old.txt"), "old");
        BadInputException e = assertThrows(BadInputException.class,
                () -> StagedOutput.begin(target.toString(), false, CONF));
        assertTrue(e.getMessage().startsWith("--output " + target), e.getMessage());
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(List.of("taken"), names(parent), "no staging directory created");
        assertEquals("old", Files.readString(target.resolve("old.txt")));
    }

    @Test
    void customFlagIsNamed() throws IOException {
        Path target = Files.createDirectory(parent.resolve("taken"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> StagedOutput.begin(target.toString(), false, CONF, "--work-dir"));
        assertTrue(e.getMessage().startsWith("--work-dir " + target), e.getMessage());
    }

    @Test
    void overwriteReplacesOldContent() throws IOException {
        Path target = Files.createDirectory(parent.resolve("run-3"));
        Files.writeString(target.resolve("old.txt"), "old");
        try (StagedOutput out = StagedOutput.begin(target.toString(), true, CONF)) {
            out.writeString("new.txt", "new");
            assertEquals("old", Files.readString(target.resolve("old.txt")), "old content stays until publish");
            out.publish();
        }
        assertEquals(List.of("new.txt"), allFiles(target));
        assertEquals("new", Files.readString(target.resolve("new.txt")));
        assertEquals(List.of("run-3"), names(parent), "no staging or replaced directory left behind");
    }

    @Test
    void overwriteDoesNotReplaceAFile() throws IOException {
        Path target = Files.writeString(parent.resolve("a-file"), "x");
        BadInputException e = assertThrows(BadInputException.class,
                () -> StagedOutput.begin(target.toString(), true, CONF));
        assertTrue(e.getMessage().startsWith("--output " + target), e.getMessage());
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
    }

    @Test
    void targetAppearingWhileWorkingIsNotReplacedWithoutOverwrite() throws IOException {
        Path target = parent.resolve("run-4");
        try (StagedOutput out = StagedOutput.begin(target.toString(), false, CONF)) {
            out.writeString("new.txt", "new");
            Files.createDirectory(target);
            Files.writeString(target.resolve("theirs.txt"), "theirs");
            BadInputException e = assertThrows(BadInputException.class, out::publish);
            assertTrue(e.getMessage().contains("appeared while this run was working"), e.getMessage());
        }
        assertEquals(List.of("theirs.txt"), allFiles(target));
        assertEquals(List.of("run-4"), names(parent));
    }
}
