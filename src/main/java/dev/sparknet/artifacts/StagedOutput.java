package dev.sparknet.artifacts;

import dev.sparknet.BadInputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An output directory that appears all at once or not at all. Files are written into a hidden
 * staging directory beside the target; {@link #publish()} renames it into place (a single atomic
 * rename on HDFS and on local disks). Closing without publishing deletes the staging directory, so a
 * failed or diverged run leaves nothing at {@code --output}.
 */
public final class StagedOutput implements AutoCloseable {
    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private final boolean overwrite;
    private final String flag;
    private boolean published;

    private StagedOutput(FileSystem fs, Path target, Path staging, boolean overwrite, String flag) {
        this.fs = fs;
        this.target = target;
        this.staging = staging;
        this.overwrite = overwrite;
        this.flag = flag;
    }

    /** Checks the target up front (before any training) and creates the staging directory. */
    public static StagedOutput begin(String output, boolean overwrite, Configuration conf) {
        return begin(output, overwrite, conf, "--output");
    }

    public static StagedOutput begin(String output, boolean overwrite, Configuration conf, String flag) {
        Path target = new Path(output);
        try {
            FileSystem fs = target.getFileSystem(conf);
            fs.setWriteChecksum(false); // no .crc side files beside the published ones on local disks
            target = fs.makeQualified(target);
            if (fs.exists(target)) {
                if (!overwrite) {
                    throw new BadInputException(flag + " " + output + ": already exists (choose a new directory or pass --overwrite)");
                }
                if (!fs.getFileStatus(target).isDirectory()) {
                    throw new BadInputException(flag + " " + output + ": is a file, expected a directory");
                }
            }
            Path parent = target.getParent();
            if (parent == null) {
                throw new BadInputException(flag + " " + output + ": cannot publish to the root of a file system");
            }
            Path staging = new Path(parent, "." + target.getName() + ".staging-" + UUID.randomUUID());
            if (!fs.mkdirs(staging)) {
                throw new BadInputException(flag + " " + output + ": cannot create a directory beside it");
            }
            return new StagedOutput(fs, target, staging, overwrite, flag);
        } catch (org.apache.hadoop.security.AccessControlException | org.apache.hadoop.fs.ParentNotDirectoryException e) {
            throw new BadInputException(flag + " " + output + ": not writable (" + firstLine(e) + ")");
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("ermission denied")) {
                throw new BadInputException(flag + " " + output + ": not writable (permission denied)");
            }
            throw new BadInputException(flag + " " + output + ": cannot prepare (" + firstLine(e) + ")", e);
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    public String target() {
        return target.toString();
    }

    /** Where a file of this output lives while staged. */
    public Path staged(String relative) {
        return new Path(staging, relative);
    }

    public OutputStream create(String relative) {
        try {
            return fs.create(staged(relative), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + staged(relative), e);
        }
    }

    public void writeString(String relative, String content) {
        try (OutputStream out = create(relative)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + staged(relative), e);
        }
    }

    /** Moves the staged directory into place; an existing target (with --overwrite) is replaced. */
    public void publish() {
        try {
            Path old = null;
            if (fs.exists(target)) {
                if (!overwrite) {
                    throw new BadInputException(flag + " " + target + ": appeared while this run was working; not replacing it");
                }
                old = new Path(target.getParent(), "." + target.getName() + ".replaced-" + UUID.randomUUID());
                rename(target, old);
            }
            rename(staging, target);
            published = true;
            if (old != null) {
                fs.delete(old, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + target, e);
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("rename " + from + " -> " + to + " failed");
        }
    }

    @Override
    public void close() {
        if (!published) {
            try {
                fs.delete(staging, true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove staging directory " + staging, e);
            }
        }
    }
}
