package dev.sparknet.data;

import dev.sparknet.BadInputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Finds the four IDX files of an MNIST-style dataset in a directory on any Hadoop file system and
 * validates them completely (magic numbers, dimensions, lengths, label range, matching counts) before
 * any Spark job starts, so a bad file fails in seconds with its name rather than mid-training.
 */
public final class MnistFiles {
    /**
     * The largest label accepted. Labels are bytes and K = 1 + the largest training label; 255 is refused
     * because byte-labelled data commonly uses it for "no label", which must not become a 256th class.
     */
    public static final int MAX_LABEL = 254;

    private MnistFiles() {
    }

    public static MnistDataset locateAndValidate(String dataDir, Configuration conf) {
        FileStatus[] files = HadoopFiles.listDirectory(dataDir, "--data", conf);
        MnistSplit train = validateSplit("train", find(files, "train-images", dataDir), find(files, "train-labels", dataDir), conf);
        MnistSplit test = testSplit(files, dataDir, conf);
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new BadInputException(test.imagesPath() + ": images are " + test.rows() + "x" + test.cols()
                    + " but the training images are " + train.rows() + "x" + train.cols());
        }
        return new MnistDataset(dataDir, train, againstTraining(test, train));
    }

    /** The test split read against the training file's K: a label the network has no output for is bad input. */
    private static MnistSplit againstTraining(MnistSplit test, MnistSplit train) {
        if (train.numClasses() == 0) {
            throw new BadInputException(train.labelsPath() + ": holds no labels, so the number of classes"
                    + " (1 + the largest training label) is unknown");
        }
        if (test.numClasses() > train.numClasses()) {
            throw new BadInputException(test.labelsPath() + ": label " + (test.numClasses() - 1)
                    + " is outside the training labels' 0.." + (train.numClasses() - 1) + " (" + train.labelsPath() + ")");
        }
        return test.withNumClasses(train.numClasses());
    }

    /** Only the held-out test split (t10k files), K from its own labels: all that scoring a saved model needs. */
    public static MnistSplit locateAndValidateTest(String dataDir, Configuration conf) {
        return testSplit(HadoopFiles.listDirectory(dataDir, "--data", conf), dataDir, conf);
    }

    private static MnistSplit testSplit(FileStatus[] files, String dataDir, Configuration conf) {
        return validateSplit("test", find(files, "t10k-images", dataDir), find(files, "t10k-labels", dataDir), conf);
    }

    /** Validates one split from its two files; public so that `evaluate` and tests can name files directly. */
    public static MnistSplit validateSplit(String name, String imagesPath, String labelsPath, Configuration conf) {
        Checked labels = validateLabels(labelsPath, conf);
        Checked images = validateImages(imagesPath, conf);
        if (images.header.count() != labels.header.count()) {
            throw new BadInputException(imagesPath + ": holds " + images.header.count() + " images but "
                    + labelsPath + " holds " + labels.header.count() + " labels");
        }
        return new MnistSplit(name, imagesPath, labelsPath, images.header.count(), images.header.rows(),
                images.header.cols(), labels.labelCounts.length, labels.labelCounts, images.sha256, labels.sha256, null);
    }

    private static String find(FileStatus[] files, String prefix, String dir) {
        // Prefer the uncompressed file when both are present: it reads faster and skips a gunzip per task.
        Optional<FileStatus> match = Arrays.stream(files)
                .filter(f -> f.getPath().getName().startsWith(prefix))
                .min(Comparator.comparing((FileStatus f) -> f.getPath().getName().endsWith(".gz"))
                        .thenComparing(f -> f.getPath().getName()));
        return match.map(f -> f.getPath().toString()).orElseThrow(() -> new BadInputException(
                "--data " + dir + ": no " + prefix + " file (expected " + prefix + "-idx"
                        + (prefix.endsWith("images") ? "3" : "1") + "-ubyte or the same name with .gz)"));
    }

    private record Checked(IdxHeader header, long[] labelCounts, String sha256) {
    }

    private static Checked validateImages(String path, Configuration conf) {
        try (DigestInputStream raw = sha256(HadoopFiles.open(path, conf))) {
            InputStream content = IdxReader.decompressIfGzip(raw, path);
            DataInputStream in = new DataInputStream(content);
            IdxHeader header = IdxReader.readImagesHeader(in, path);
            long remaining = (long) header.count() * header.pixelsPerImage();
            byte[] chunk = new byte[1 << 20];
            while (remaining > 0) {
                int n = (int) Math.min(chunk.length, remaining);
                IdxReader.readFully(in, chunk, n, path);
                remaining -= n;
            }
            IdxReader.expectEnd(content, path);
            return new Checked(header, null, hex(raw));
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static Checked validateLabels(String path, Configuration conf) {
        try (DigestInputStream raw = sha256(HadoopFiles.open(path, conf))) {
            InputStream content = IdxReader.decompressIfGzip(raw, path);
            DataInputStream in = new DataInputStream(content);
            IdxHeader header = IdxReader.readLabelsHeader(in, path);
            byte[] labels = IdxReader.readBody(in, header.count(), path);
            IdxReader.expectEnd(content, path);
            long[] counts = new long[MAX_LABEL + 1];
            int largest = -1;
            for (int i = 0; i < labels.length; i++) {
                int label = labels[i] & 0xff;
                if (label > MAX_LABEL) {
                    throw new BadInputException(path + ": label " + label + " at index " + i
                            + " is outside 0.." + MAX_LABEL);
                }
                counts[label]++;
                largest = Math.max(largest, label);
            }
            // K = 1 + the largest label: the counts' length is the number of classes this file implies.
            return new Checked(header, Arrays.copyOf(counts, largest + 1), hex(raw));
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static DigestInputStream sha256(InputStream in) {
        try {
            return new DigestInputStream(in, MessageDigest.getInstance("SHA-256"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Drains what the parser did not need (gzip trailer, buffers) so the digest covers the whole file. */
    private static String hex(DigestInputStream raw) throws IOException {
        raw.transferTo(java.io.OutputStream.nullOutputStream());
        return HexFormat.of().formatHex(raw.getMessageDigest().digest());
    }
}
