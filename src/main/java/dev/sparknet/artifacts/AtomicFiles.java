package dev.sparknet.artifacts;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.ipc.RemoteException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * The two atomic file operations the model registry is built on, on any Hadoop file system: create a
 * small file only if it does not exist (the lock), and replace a small file in one step (the
 * {@code current} pointer, {@code runs.jsonl}). Local paths go through java.nio (O_EXCL create and
 * rename(2)), because Hadoop's local file system emulates both non-atomically; other schemes use
 * {@code FileSystem.create(path, false)} and {@code FileContext.rename(..., OVERWRITE)}, atomic on HDFS.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Creates {@code path} holding {@code content}; false (and nothing written) if it already exists. */
    public static boolean createExclusive(FileSystem fs, Path path, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (isLocal(fs)) {
            // Written aside, then hard-linked into place: link(2) fails if the name exists, and the file
            // appears with its content complete.
            java.nio.file.Path local = java.nio.file.Path.of(fs.makeQualified(path).toUri());
            java.nio.file.Path tmp = local.resolveSibling(local.getFileName() + ".tmp-" + UUID.randomUUID());
            Files.write(tmp, bytes);
            try {
                Files.createLink(local, tmp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                try { // no hard links on this file system: O_EXCL create, then write
                    Files.createFile(local);
                } catch (FileAlreadyExistsException exists) {
                    return false;
                }
                Files.write(local, bytes);
                return true;
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        try (FSDataOutputStream out = fs.create(path, false)) {
            out.write(bytes);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (createdByAnother(e) || fs.exists(path) && String.valueOf(e.getMessage()).contains("exists")) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The NameNode's answer when another client created the file first: it already exists, or that
     * client is still writing it (it holds the lease: AlreadyBeingCreatedException, which says nothing
     * about existing). Found with simultaneous runs against a registry on a MiniDFSCluster.
     */
    private static boolean createdByAnother(IOException e) {
        return e instanceof RemoteException remote
                && (remote.getClassName().endsWith(".AlreadyBeingCreatedException")
                || remote.getClassName().endsWith(".FileAlreadyExistsException"));
    }

    /** Replaces (or creates) {@code target} with {@code content}: readers see the old or the new file, never a mix. */
    public static void replace(FileSystem fs, Path target, String content) throws IOException {
        Path tmp = new Path(target.getParent(), target.getName() + ".tmp-" + UUID.randomUUID());
        try (OutputStream out = fs.create(tmp, false)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        try {
            renameOverwrite(fs, tmp, target);
        } catch (IOException | RuntimeException e) {
            fs.delete(tmp, false);
            throw e;
        }
    }

    /** Moves {@code from} onto {@code to}, replacing a file there, in one atomic step. */
    public static void renameOverwrite(FileSystem fs, Path from, Path to) throws IOException {
        if (isLocal(fs)) {
            Files.move(java.nio.file.Path.of(fs.makeQualified(from).toUri()),
                    java.nio.file.Path.of(fs.makeQualified(to).toUri()),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        FileContext fc = FileContext.getFileContext(fs.getUri(), fs.getConf());
        fc.rename(fs.makeQualified(from), fs.makeQualified(to), Options.Rename.OVERWRITE);
    }

    /** The whole (small) file as text, or empty when it does not exist. */
    static final int MAX_TEXT_BYTES = 64 << 20;

    public static Optional<String> read(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            // small text files (current, lock, runs.jsonl, manifests); one grown past any real size is refused
            byte[] bytes = in.readNBytes(MAX_TEXT_BYTES + 1);
            if (bytes.length > MAX_TEXT_BYTES) {
                throw new dev.sparknet.BadInputException(path + ": larger than " + MAX_TEXT_BYTES
                        + " bytes, more than this job ever writes there");
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    static boolean isLocal(FileSystem fs) {
        return "file".equals(fs.getUri().getScheme());
    }
}
