package dev.sparknet;

import dev.sparknet.data.QuadrantDigits;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the tests find the real MNIST files: {@code -Dsparknet.mnist.dir}, by default
 * {@code ../shared/datasets/mnist}. Tests that need them are skipped, saying so, when they are absent.
 */
public final class RealMnist {
    private static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    private RealMnist() {
    }

    /** The directory, whether or not the files are there. */
    public static Path dir() {
        return Path.of(System.getProperty("sparknet.mnist.dir", "../shared/datasets/mnist"));
    }

    public static boolean present() {
        return FILES.stream().allMatch(f -> Files.isRegularFile(dir().resolve(f)));
    }

    /**
     * The real MNIST directory when the files are there, otherwise {@code dir} (created) holding a synthetic
     * look-alike of {@code train} and {@code test} images ({@link QuadrantDigits}): for tests that prove something
     * other than accuracy, which should run either way.
     */
    public static Path orLookAlike(Path dir, int train, int test) throws IOException {
        if (present()) {
            return dir();
        }
        Files.createDirectories(dir);
        QuadrantDigits.write(dir, train, test, 4, 7);
        return dir;
    }

    /** The directory; skips the calling test when the four files are not all there. */
    public static Path required() {
        Assumptions.assumeTrue(present(), "real MNIST not found at " + dir().toAbsolutePath()
                + " (set -Dsparknet.mnist.dir); skipped");
        return dir();
    }
}
