package dev.sparknet.artifacts;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One retrain run's folder in the registry: {@code run.json} (its settings, seed and the champion it
 * started from) and {@code checkpoint/epoch-NNNN/} with {@code model.zip} (parameters and Adam state)
 * and {@code checkpoint.json} (epochs completed, seed, settings hash, batch position, epoch history).
 * Each checkpoint is staged and renamed into place, so the newest one is always complete; older ones
 * are deleted once a newer one is in place, except the one of the best epoch on validation so far, whose
 * parameters a continued run may still have to keep.
 */
public final class RunFolder {
    public static final String RUN_INFO = "run.json";
    public static final String CHECKPOINT_STATE = "checkpoint.json";
    private static final Pattern EPOCH_DIR = Pattern.compile("epoch-(\\d{4,})");

    private final FileSystem fs;
    private final Path dir;

    RunFolder(FileSystem fs, Path dir) {
        this.fs = fs;
        this.dir = dir;
    }

    public record Checkpoint(int epoch, String modelPath, CheckpointState state) {
    }

    public String path() {
        return dir.toString();
    }

    public void writeInfo(RunInfo info) {
        try {
            fs.mkdirs(dir);
            AtomicFiles.replace(fs, new Path(dir, RUN_INFO), Json.write(info));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + new Path(dir, RUN_INFO), e);
        }
    }

    public Optional<RunInfo> info() {
        return readJson(new Path(dir, RUN_INFO), RunInfo.class);
    }

    /**
     * Saves the network (with its updater state) and {@code state} as the checkpoint of {@code epoch}, and
     * deletes the older ones but that of {@code keepEpoch}.
     */
    public void saveCheckpoint(int epoch, MultiLayerNetwork network, CheckpointState state, int keepEpoch) {
        Path checkpoints = new Path(dir, "checkpoint");
        String name = String.format("epoch-%04d", epoch);
        try (StagedOutput out = StagedOutput.begin(new Path(checkpoints, name).toString(), true, fs.getConf(), "--registry")) {
            ModelStore.save(network, out);
            out.writeString(CHECKPOINT_STATE, Json.write(state));
            out.publish();
        }
        for (FileStatus old : list(checkpoints)) {
            var m = EPOCH_DIR.matcher(old.getPath().getName());
            if (m.matches() && Integer.parseInt(m.group(1)) < epoch && Integer.parseInt(m.group(1)) != keepEpoch) {
                delete(old.getPath());
            }
        }
    }

    /** The newest complete checkpoint, if any epoch was completed. */
    public Optional<Checkpoint> latestCheckpoint() {
        return checkpoint(Integer.MAX_VALUE);
    }

    /** The newest complete checkpoint of an epoch up to {@code epoch}. */
    public Optional<Checkpoint> checkpoint(int epoch) {
        Path checkpoints = new Path(dir, "checkpoint");
        return Arrays.stream(list(checkpoints))
                .filter(FileStatus::isDirectory)
                .filter(s -> EPOCH_DIR.matcher(s.getPath().getName()).matches())
                .filter(s -> epochOf(s.getPath().getName()) <= epoch)
                .max(Comparator.comparingInt(s -> epochOf(s.getPath().getName())))
                .flatMap(s -> readJson(new Path(s.getPath(), CHECKPOINT_STATE), CheckpointState.class).map(state -> new Checkpoint(
                        epochOf(s.getPath().getName()), new Path(s.getPath(), ModelStore.MODEL_FILE).toString(), state)));
    }

    /**
     * Once the run has ended for good (its model published or rejected): removes its checkpoints and
     * any work directory a killed attempt left behind; run.json stays.
     */
    public void cleanUp() {
        delete(new Path(dir, "checkpoint"));
        for (FileStatus s : list(dir)) {
            if (s.getPath().getName().startsWith(".")) {
                delete(s.getPath());
            }
        }
    }

    private static int epochOf(String name) {
        var m = EPOCH_DIR.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private FileStatus[] list(Path p) {
        try {
            return fs.listStatus(p);
        } catch (FileNotFoundException e) {
            return new FileStatus[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + p, e);
        }
    }

    private void delete(Path p) {
        try {
            fs.delete(p, true);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(RunFolder.class).warn("could not remove {}: {}", p, e.getMessage());
        }
    }

    private <T> Optional<T> readJson(Path p, Class<T> type) {
        try {
            return AtomicFiles.read(fs, p).map(text -> Json.read(text, type, p.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
