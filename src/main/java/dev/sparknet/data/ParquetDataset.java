package dev.sparknet.data;

import dev.sparknet.BadInputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.List;

/**
 * A dataset given as Parquet tables: a directory with {@code train/} and {@code test/}, each a directory of Parquet
 * files with columns {@code label} and {@code features} ({@link TableValues} says which types and how pixels are
 * read). The training engine reads IDX bytes, so the tables are converted, on the executors, into the four IDX
 * files under a directory of the run's scratch space, and those are then validated and read exactly as an IDX
 * {@code --data} folder is. MNIST is 47 MB as bytes: the driver holds it once while writing the files.
 */
public final class ParquetDataset {
    public static final String TRAIN = "train";
    public static final String TEST = "test";
    /** The largest split the IDX path reads: executors hold a split's pixels in one byte array. */
    static final long MAX_SPLIT_BYTES = Integer.MAX_VALUE - 8;

    private ParquetDataset() {
    }

    /** Whether {@code --data} names a Parquet dataset: it has a train/ or test/ sub-directory (IDX folders have neither). */
    public static boolean isParquet(String dataDir, Configuration conf) {
        try {
            Path dir = new Path(dataDir);
            FileSystem fs = dir.getFileSystem(conf);
            return isDirectory(fs, new Path(dir, TRAIN)) || isDirectory(fs, new Path(dir, TEST));
        } catch (IOException | IllegalArgumentException e) {
            return false; // not readable as a directory: the IDX path says so in its own words
        }
    }

    /** Fails, naming --data and the split, unless both train/ and test/ are directories: checked before Spark starts. */
    public static void requireTables(String dataDir, Configuration conf) {
        table(dataDir, TRAIN, conf);
        table(dataDir, TEST, conf);
    }

    /**
     * Reads both tables (schemas first, then every row on the executors), writes them as IDX files into
     * {@code idxDir} and returns them validated, K = 1 + the largest training label, each split naming its table.
     */
    public static MnistDataset toIdx(SparkSession spark, String dataDir, String idxDir, Configuration conf) {
        ParquetTable train = ParquetTable.open(spark, table(dataDir, TRAIN, conf));
        ParquetTable test = ParquetTable.open(spark, table(dataDir, TEST, conf));
        int pixels = train.pixelsPerImage();
        int testPixels = test.pixelsPerImage();
        if (testPixels != pixels) {
            throw new BadInputException(test.path() + ": column features holds " + testPixels + " values per row where "
                    + train.path() + " holds " + pixels + " (test and training images must be the same size)");
        }
        List<TableChunk> trainChunks = train.read(pixels);
        List<TableChunk> testChunks = test.read(pixels);
        int classes = 1 + largestLabel(trainChunks);
        int testLargest = largestLabel(testChunks);
        if (testLargest >= classes) {
            throw new BadInputException(test.path() + ": label " + testLargest + " is outside the training labels' 0.."
                    + (classes - 1) + " (" + train.path() + ")");
        }
        int side = (int) Math.round(Math.sqrt(pixels));
        // a perfect square is a square image (784 = 28 x 28); anything else one row of pixels
        int rows = side * side == pixels ? side : 1;
        write(idxDir, "train", train.path(), trainChunks, rows, pixels / rows, conf);
        write(idxDir, "t10k", test.path(), testChunks, rows, pixels / rows, conf);
        MnistDataset idx = MnistFiles.locateAndValidate(idxDir, conf);
        return new MnistDataset(dataDir, idx.train().fromTable(train.path()), idx.test().fromTable(test.path()));
    }

    private static void write(String idxDir, String prefix, String table, List<TableChunk> chunks, int rows, int cols,
                              Configuration conf) {
        long count = chunks.stream().mapToLong(TableChunk::count).sum();
        if (count * rows * cols > MAX_SPLIT_BYTES) {
            throw new BadInputException(table + ": " + count + " images of " + rows * cols + " pixels are more than"
                    + " this job reads in one split (2 GB of pixels)");
        }
        IdxWriter.images(new Path(idxDir, prefix + "-images-idx3-ubyte").toString(), chunks, rows, cols, conf);
        IdxWriter.labels(new Path(idxDir, prefix + "-labels-idx1-ubyte").toString(), chunks, conf);
    }

    private static int largestLabel(List<TableChunk> chunks) {
        return chunks.stream().mapToInt(TableChunk::largestLabel).max().orElse(-1);
    }

    /** The split's table directory, qualified; one line naming --data and the split when it is missing. */
    private static String table(String dataDir, String split, Configuration conf) {
        Path path = new Path(dataDir, split);
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (!isDirectory(fs, path)) {
                throw new BadInputException("--data " + dataDir + ": no " + split + "/ directory (a Parquet dataset holds "
                        + TRAIN + "/ and " + TEST + "/, each a directory of Parquet files with columns "
                        + TableValues.LABEL + " and " + TableValues.FEATURES + ")");
            }
            return fs.makeQualified(path).toString();
        } catch (IOException e) {
            throw new BadInputException("--data " + dataDir + ": cannot read " + split + "/ (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isDirectory(FileSystem fs, Path path) throws IOException {
        return fs.exists(path) && fs.getFileStatus(path).isDirectory();
    }
}
