package dev.sparknet.artifacts;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A registry's runs.jsonl: one {@link RunRecord} per line, oldest first, appended by atomic rewrite. */
public final class RunLog {
    private final FileSystem fs;
    private final Path file;

    RunLog(FileSystem fs, Path file) {
        this.fs = fs;
        this.file = file;
    }

    /** Every line, oldest first. */
    public List<RunRecord> all() {
        try {
            List<RunRecord> out = new ArrayList<>();
            int number = 0;
            for (String line : AtomicFiles.read(fs, file).orElse("").split("\n")) {
                number++;
                if (!line.isBlank()) {
                    out.add(Json.read(line, RunRecord.class, file + " line " + number));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Adds one line by rewriting the file (temporary file + atomic rename; append is not everywhere). */
    public void append(RunRecord record) {
        try {
            String old = AtomicFiles.read(fs, file).orElse("");
            if (!old.isEmpty() && !old.endsWith("\n")) {
                old += "\n";
            }
            AtomicFiles.replace(fs, file, old + Json.writeLine(record) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** The last line about {@code runId}, if any. */
    public Optional<RunRecord> last(String runId) {
        List<RunRecord> all = all();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (runId.equals(all.get(i).runId())) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }
}
