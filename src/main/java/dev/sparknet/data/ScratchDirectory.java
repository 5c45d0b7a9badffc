package dev.sparknet.data;

import dev.sparknet.BadInputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.UUID;

/**
 * A run's private working directory for exported minibatches, removed when the run ends. It must be
 * on storage every executor can read (on a cluster: HDFS or S3, never an executor's local disk), so
 * by default it sits beside the output directory.
 */
public final class ScratchDirectory implements AutoCloseable {
    private final FileSystem fs;
    private final Path path;

    private ScratchDirectory(FileSystem fs, Path path) {
        this.fs = fs;
        this.path = path;
    }

    /** @param base the user's --work-dir, or empty to use a hidden directory beside {@code nextTo} */
    public static ScratchDirectory create(String base, String nextTo, Configuration conf) {
        String flag = base.isBlank() ? "--output" : "--work-dir";
        Path parent = base.isBlank() ? new Path(nextTo).getParent() : new Path(base);
        String prefix = base.isBlank() ? "." + new Path(nextTo).getName() + ".work-" : "sparknet-work-";
        Path dir = new Path(parent, prefix + UUID.randomUUID());
        try {
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.mkdirs(dir)) {
                throw new BadInputException(flag + " " + parent + ": cannot create a working directory there");
            }
            return new ScratchDirectory(fs, fs.makeQualified(dir));
        } catch (IOException e) {
            throw new BadInputException(flag + " " + parent + ": cannot create a working directory there ("
                    + e.getMessage() + ")", e);
        }
    }

    public String resolve(String child) {
        return new Path(path, child).toString();
    }

    @Override
    public void close() {
        try {
            fs.delete(path, true);
        } catch (IOException e) {
            // Leftover scratch files waste space but do not hurt the result; the path is logged for cleanup.
            org.slf4j.LoggerFactory.getLogger(ScratchDirectory.class).warn("could not remove {}: {}", path, e.getMessage());
        }
    }
}
