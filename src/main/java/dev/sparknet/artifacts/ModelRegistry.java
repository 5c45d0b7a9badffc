package dev.sparknet.artifacts;

import dev.sparknet.BadInputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A directory of numbered model versions on any Hadoop path:
 * <pre>
 * REGISTRY/versions/000001/{model.zip, metrics.json, manifest.json}   complete before it appears (staged + renamed)
 * REGISTRY/current                                                    the champion's version name, replaced atomically
 * REGISTRY/runs.jsonl                                                 one line per finished run (promoted, kept, failed, diverged)
 * REGISTRY/runs/RUN_ID/run.json, checkpoint/epoch-NNNN/              a run's settings and its last completed epoch
 * REGISTRY/lock                                                       held by the one run allowed to write (see RegistryLock)
 * </pre>
 * Writes are meant to happen under the lock; reads are safe at any time.
 */
public final class ModelRegistry {
    public static final String VERSIONS = "versions";
    public static final String CURRENT = "current";
    public static final String RUNS_LOG = "runs.jsonl";
    public static final String RUNS = "runs";
    public static final String MANIFEST = "manifest.json";
    public static final String METRICS = "metrics.json";
    private static final Pattern VERSION_NAME = Pattern.compile("\\d{6}");

    private final FileSystem fs;
    private final Path root;
    private final String flag;

    private ModelRegistry(FileSystem fs, Path root, String flag) {
        this.fs = fs;
        this.root = root;
        this.flag = flag;
    }

    /** Opens the registry at {@code path}, creating its directories if needed. */
    public static ModelRegistry open(String path, Configuration conf) {
        String flag = "--registry " + path;
        try {
            Path root = new Path(path);
            FileSystem fs = root.getFileSystem(conf);
            fs.setWriteChecksum(false);
            root = fs.makeQualified(root);
            if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
                throw new BadInputException(flag + ": is a file, expected a directory");
            }
            if (!fs.mkdirs(new Path(root, VERSIONS)) || !fs.mkdirs(new Path(root, RUNS))) {
                throw new BadInputException(flag + ": cannot create the registry's directories");
            }
            return new ModelRegistry(fs, root, flag);
        } catch (org.apache.hadoop.security.AccessControlException | org.apache.hadoop.fs.ParentNotDirectoryException e) {
            throw new BadInputException(flag + ": not writable (" + e.getMessage() + ")");
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("ermission denied")) {
                throw new BadInputException(flag + ": not writable (permission denied)");
            }
            throw new BadInputException(flag + ": cannot open (" + e.getMessage() + ")", e);
        }
    }

    public FileSystem fileSystem() {
        return fs;
    }

    public Path root() {
        return root;
    }

    public String path(String... parts) {
        Path p = root;
        for (String part : parts) {
            p = new Path(p, part);
        }
        return p.toString();
    }

    /** The champion's version name, if a model was ever promoted. */
    public Optional<String> current() {
        try {
            Optional<String> version = AtomicFiles.read(fs, new Path(root, CURRENT)).map(String::strip).filter(s -> !s.isEmpty());
            // current is read from shared storage: a name like ../../x must not steer which file is loaded
            if (version.isPresent() && !VERSION_NAME.matcher(version.get()).matches()) {
                throw new BadInputException("registry " + root + ": " + CURRENT + " holds "
                        + BadInputException.printable(version.get(), 40)
                        + ", not a version name (six digits)");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + new Path(root, CURRENT), e);
        }
    }

    public String modelPath(String version) {
        return path(VERSIONS, version, ModelStore.MODEL_FILE);
    }

    /** Published version names, oldest first (hidden staging directories are not versions). */
    public List<String> versions() {
        try {
            return Arrays.stream(fs.listStatus(new Path(root, VERSIONS)))
                    .filter(FileStatus::isDirectory)
                    .map(s -> s.getPath().getName())
                    .filter(n -> VERSION_NAME.matcher(n).matches())
                    .sorted()
                    .toList();
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + new Path(root, VERSIONS), e);
        }
    }

    /** The name the next published version gets: one above every version ever published. */
    public String nextVersion() {
        int highest = versions().stream().mapToInt(Integer::parseInt).max().orElse(0);
        return String.format("%06d", highest + 1);
    }

    /** Stages a new version directory; publish() makes it appear complete, all at once. */
    public StagedOutput stageVersion(String version) {
        return StagedOutput.begin(path(VERSIONS, version), false, fs.getConf(), "--registry");
    }

    /** Points {@code current} at a published, complete version, in one atomic step. */
    public void switchCurrent(String version) {
        for (String file : List.of(ModelStore.MODEL_FILE, METRICS, MANIFEST)) {
            try {
                if (!fs.exists(new Path(path(VERSIONS, version, file)))) {
                    throw new IllegalStateException("version " + version + " lacks " + file + "; current not switched");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            AtomicFiles.replace(fs, new Path(root, CURRENT), version + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot switch " + new Path(root, CURRENT) + " to " + version, e);
        }
    }

    /** runs.jsonl: one line per run. */
    public RunLog runLog() {
        return new RunLog(fs, new Path(root, RUNS_LOG));
    }

    public RunFolder run(String runId) {
        return new RunFolder(fs, new Path(path(RUNS, runId)));
    }

    /** Run ids that have a folder, oldest first (ids start with their UTC start time). */
    public List<String> runIds() {
        try {
            return Arrays.stream(fs.listStatus(new Path(root, RUNS)))
                    .filter(FileStatus::isDirectory)
                    .map(s -> s.getPath().getName())
                    .filter(n -> !n.startsWith("."))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + new Path(root, RUNS), e);
        }
    }

    /** Whether {@code runId} can be continued: it has a checkpoint and did not end by promoting or keeping. */
    public boolean resumable(String runId, boolean allowFailed) {
        if (!runIds().contains(runId) || run(runId).latestCheckpoint().isEmpty()) {
            return false;
        }
        Optional<RunRecord> last = runLog().last(runId);
        return last.isEmpty() || (allowFailed && !last.get().decided());
    }

    /** The newest run with a checkpoint and no line in runs.jsonl: a run whose driver died. */
    public Optional<String> newestInterruptedRun() {
        List<String> ids = new ArrayList<>(runIds());
        for (int i = ids.size() - 1; i >= 0; i--) {
            if (resumable(ids.get(i), false)) {
                return Optional.of(ids.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Removes what a writer killed mid-way left behind: staging directories under versions/ and
     * temporary files beside current and runs.jsonl. Only safe under the lock, when no one else writes.
     */
    public void removeLeftovers() {
        try {
            for (Path dir : List.of(root, new Path(root, VERSIONS))) {
                for (FileStatus s : fs.listStatus(dir)) {
                    String name = s.getPath().getName();
                    boolean lockAttempt = name.startsWith(RegistryLock.LOCK); // another run may be trying to lock
                    if (!lockAttempt && (name.contains(".staging-") || name.contains(".tmp-") || name.contains(".replaced-"))) {
                        fs.delete(s.getPath(), true);
                    }
                }
            }
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(ModelRegistry.class).warn("could not tidy {}: {}", root, e.getMessage());
        }
    }

    public String describe() {
        return flag;
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
