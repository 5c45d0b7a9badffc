package dev.sparknet.jobs;

import dev.sparknet.BadInputException;
import dev.sparknet.JobFailedException;
import dev.sparknet.config.DataChoice;
import dev.sparknet.data.DataCache;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.data.MnistFiles;
import dev.sparknet.data.MnistDownload;
import dev.sparknet.data.ParquetDataset;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.spark.MemoryCheck;
import dev.sparknet.training.TrainingConfig;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The folder a job reads its MNIST-format files from. {@code --data} is used as given. Without it the dataset's
 * cache folder is used, and fetched first when it is missing or empty: the {@code download} job's code (progress
 * logged per file, every md5 checked, the folder published atomically), so an interrupted or failed fetch leaves
 * no cache folder behind and the next run fetches again instead of reading half a dataset.
 */
public final class DataFiles {
    private static final Logger log = LoggerFactory.getLogger(DataFiles.class);
    /**
     * Shorter than the download job's 20 s: a first run on a machine without a route out should say so within
     * seconds (no DNS fails at once; a firewall that drops packets waits this long).
     */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Pixels per image of every public dataset {@link #ready} can fetch (MNIST, Fashion-MNIST: 28 x 28). */
    public static final int FETCHED_PIXELS = 28 * 28;
    /** Classes of every public dataset {@link #ready} can fetch (both have ten), for the same early check. */
    public static final int FETCHED_CLASSES = 10;

    private DataFiles() {
    }

    /** Whether {@link #ready} will fetch: no --data, and the cache folder missing or empty. */
    public static boolean willFetch(DataChoice choice) {
        if (!choice.cached()) {
            return false;
        }
        Path dir = Path.of(choice.cacheDir());
        return !Files.isDirectory(dir) || isEmpty(dir);
    }

    /**
     * The dataset a training job reads, validated, once its network ({@code network} of the image size) is known
     * to fit the memory it is given: checked before a first fetch (the public sets are {@link #FETCHED_PIXELS}),
     * so that no download is spent on a network too large, and again with the data's own image size.
     */
    public static MnistDataset forTraining(DataChoice choice, Configuration hadoop, BiFunction<Integer, Integer, MlpSpec> network,
                                           TrainingConfig training, String master) {
        if (isTables(choice, hadoop)) {
            // only the jobs that run inside JobHarness read Parquet (TrainingInput): retrain starts Spark late
            throw new BadInputException("--data " + choice.data() + ": a Parquet dataset (train/ and test/ tables);"
                    + " this job reads IDX files only (mnist, bench and evaluate read both)");
        }
        if (willFetch(choice)) {
            MemoryCheck.require(network.apply(FETCHED_PIXELS, FETCHED_CLASSES), training.batchSize(), training.workers(), master);
        }
        MnistDataset data = MnistFiles.locateAndValidate(ready(choice), hadoop);
        requireMemory(data, network, training, master);
        return data;
    }

    /** Whether --data names a Parquet dataset (train/ and test/ tables) rather than IDX files or the cache. */
    public static boolean isTables(DataChoice choice, Configuration hadoop) {
        return !choice.cached() && ParquetDataset.isParquet(choice.data(), hadoop);
    }

    /** The memory check with the data's own image size and K. */
    static void requireMemory(MnistDataset data, BiFunction<Integer, Integer, MlpSpec> network, TrainingConfig training,
                              String master) {
        MemoryCheck.require(network.apply(data.train().pixelsPerImage(), data.numClasses()), training.batchSize(),
                training.workers(), master);
    }

    /** The folder to read: --data, or the cache folder, fetched first if need be. */
    public static String ready(DataChoice choice) {
        if (!choice.cached()) {
            return choice.data();
        }
        Path dir = Path.of(choice.cacheDir());
        boolean exists = Files.isDirectory(dir);
        if (!willFetch(choice)) {
            log.info("no --data: reading {} from its cache {}", choice.dataset().name(), dir);
            return fileUri(dir);
        }
        log.info("no --data and no {} in {}: fetching it from {} (once; later runs read the cache)",
                choice.dataset().name(), dir, choice.url());
        try {
            Files.createDirectories(dir.getParent());
            // a file: URI, so a cluster configuration whose default file system is HDFS does not move the cache there
            DownloadJob.run(fileUri(dir), new MnistDownload(choice.url(), CONNECT_TIMEOUT, MnistDownload.READ_TIMEOUT),
                    choice.dataset().files(), exists);
        } catch (JobFailedException | BadInputException | UncheckedIOException | IOException e) {
            // bad input, not a crash: the run cannot start without data, and the fix is the user's (network, --data)
            throw new BadInputException("no --data given and no " + choice.dataset().name() + " files in " + dir
                    + "; fetching them failed: " + reason(e) + "; pass --data DIR with the four files fetched by other"
                    + " means (or set " + DataCache.ENV + " to a folder holding " + choice.dataset().name()
                    + "/)");
        }
        return fileUri(dir);
    }

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replace(MnistDownload.OTHER_MEANS, "");
        return m.lines().findFirst().orElse(m);
    }

    /** file:///..., without the trailing slash Path.toUri() gives an existing directory. */
    private static String fileUri(Path dir) {
        String uri = dir.toAbsolutePath().toUri().toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
