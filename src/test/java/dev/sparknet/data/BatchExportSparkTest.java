package dev.sparknet.data;

import dev.sparknet.SparkTestContext;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Minibatch export on Spark: the right number of files, every example exactly once with its own label
 * and pixels, and a shuffled order that depends on the seed only (not on how many tasks cut the batches).
 */
@ExtendWith(SparkTestContext.class)
class BatchExportSparkTest {
    private static final int N = 250;      // < 256: the first pixel of image i, (31 i) mod 256, identifies it
    private static final int PIXELS = 12;  // 3x4 images
    private static final int BATCH = 32;   // 250 / 32 -> 8 files, the last one of 26

    @TempDir
    static Path tmp;
    static MnistSplit split;
    /** Example index by the raw value of its first pixel. */
    static final int[] exampleOfFirstPixel = new int[256];

    @BeforeAll
    static void writeSplit() {
        IdxTestFiles.write(tmp, IdxTestFiles.TRAIN_IMAGES, IdxTestFiles.images(N, 3, 4));
        IdxTestFiles.write(tmp, IdxTestFiles.TRAIN_LABELS, IdxTestFiles.labels(labels()));
        split = MnistFiles.validateSplit("train", tmp.resolve(IdxTestFiles.TRAIN_IMAGES).toString(),
                tmp.resolve(IdxTestFiles.TRAIN_LABELS).toString(), new Configuration());
        // 7 i^2 mod 10 never reaches 9 (squares end in 0, 1, 4, 5, 6, 9), so K = 1 + 8.
        assertEquals(9, split.numClasses());
        Arrays.fill(exampleOfFirstPixel, -1);
        for (int i = 0; i < N; i++) {
            exampleOfFirstPixel[IdxTestFiles.pixel(i, 0)] = i;
        }
    }

    /** Labels that are not a function of the position alone: 7 i^2 mod 10. */
    private static int[] labels() {
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = (7 * i * i) % 10;
        }
        return labels;
    }

    private static List<String> export(JavaSparkContext sc, int limit, Long seed, String dir, int partitions) {
        ExampleSelection selection = seed == null ? ExampleSelection.inFileOrder(limit)
                : ExampleSelection.training(ValidationSplit.none(limit), seed);
        return BatchExport.export(sc, split, selection, BATCH, tmp.resolve(dir).toString(), partitions);
    }

    /** The example indices in the order the files hold them, checking every row's label and pixels on the way. */
    private static int[] readOrder(List<String> files, int expectedExamples) {
        SerializableHadoopConf conf = new SerializableHadoopConf(new Configuration());
        int[] labels = labels();
        List<Integer> order = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            DataSet batch = BatchFiles.read(files.get(f), conf);
            int rows = batch.numExamples();
            assertEquals(f < files.size() - 1 ? BATCH : expectedExamples - BATCH * (files.size() - 1), rows,
                    "examples in " + files.get(f));
            float[][] x = batch.getFeatures().toFloatMatrix();
            float[][] y = batch.getLabels().toFloatMatrix();
            for (int r = 0; r < rows; r++) {
                assertEquals(PIXELS, x[r].length);
                int i = exampleOfFirstPixel[Math.round(x[r][0] * 255)];
                assertTrue(i >= 0, "row " + r + " of " + files.get(f) + " is no example of the file");
                for (int p = 0; p < PIXELS; p++) {
                    assertTrue(x[r][p] >= 0 && x[r][p] <= 1, "feature out of [0,1]: " + x[r][p]);
                    assertEquals(IdxTestFiles.pixel(i, p) / 255f, x[r][p], "example " + i + " pixel " + p);
                }
                float[] oneHot = new float[split.numClasses()];
                oneHot[labels[i]] = 1;
                assertArrayEquals(oneHot, y[r], "one-hot label of example " + i);
                order.add(i);
            }
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void assertIsPermutation(int[] order, int n) {
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        int[] expected = new int[n];
        Arrays.setAll(expected, i -> i);
        assertArrayEquals(expected, sorted, "every one of the first " + n + " examples exactly once");
    }

    @Test
    void validationAndTrainingBatchesSplitTheTrainingFileAndNothingElse(JavaSparkContext sc) {
        ValidationSplit split50 = new ValidationSplit(N, 50, 1);
        // every row is checked to be an example of the training file (pixels and label): the validation
        // split is made of training images; the test split lives in another file that is never read here
        int[] validation = readOrder(BatchExport.export(sc, split, ExampleSelection.validation(split50), BATCH,
                tmp.resolve("validation").toString(), 3), 50);
        int[] training = readOrder(BatchExport.export(sc, split, ExampleSelection.training(split50, 42), BATCH,
                tmp.resolve("training").toString(), 3), N - 50);
        assertArrayEquals(split50.validation(), validation, "the held-out images, ascending");
        int[] sortedTraining = training.clone();
        Arrays.sort(sortedTraining);
        assertArrayEquals(split50.training(), sortedTraining, "the rest, each once");
        int[] both = new int[N];
        System.arraycopy(validation, 0, both, 0, 50);
        System.arraycopy(training, 0, both, 50, N - 50);
        assertIsPermutation(both, N);
    }

    @Test
    void inOrderExportWritesCeilNOverBatchFilesInBatchOrder(JavaSparkContext sc) {
        List<String> files = export(sc, N, null, "ordered", 3);

        assertEquals(8, files.size(), "ceil(250 / 32) files");
        for (int f = 0; f < files.size(); f++) {
            assertTrue(files.get(f).endsWith(String.format("train-%06d.bin", f)), "file " + f + ": " + files.get(f));
            assertTrue(Files.isRegularFile(Path.of(new org.apache.hadoop.fs.Path(files.get(f)).toUri().getPath())),
                    "exported file missing: " + files.get(f));
        }
        int[] order = readOrder(files, N);
        int[] identity = new int[N];
        Arrays.setAll(identity, i -> i);
        assertArrayEquals(identity, order, "without a seed the file order is kept");
    }

    @Test
    void shuffledExportHoldsEveryExampleOnceInAnOrderSetByTheSeedAlone(JavaSparkContext sc) {
        int[] onePartition = readOrder(export(sc, N, 42L, "seed42-p1", 1), N);
        int[] threePartitions = readOrder(export(sc, N, 42L, "seed42-p3", 3), N);
        int[] again = readOrder(export(sc, N, 42L, "seed42-p3-again", 3), N);
        int[] otherSeed = readOrder(export(sc, N, 43L, "seed43", 3), N);

        assertIsPermutation(onePartition, N);
        int[] identity = new int[N];
        Arrays.setAll(identity, i -> i);
        assertNotEquals(Arrays.toString(identity), Arrays.toString(onePartition), "a seed must shuffle");
        assertArrayEquals(onePartition, threePartitions, "the order must not depend on the number of partitions");
        assertArrayEquals(threePartitions, again, "same seed, same order");
        assertNotEquals(Arrays.toString(onePartition), Arrays.toString(otherSeed), "another seed, another order");
        assertArrayEquals(ExampleOrder.shuffled(N, 42L), onePartition, "the order is ExampleOrder.shuffled(n, seed)");
    }

    @Test
    void aLimitExportsOnlyTheFirstExamples(JavaSparkContext sc) {
        List<String> files = export(sc, 100, 5L, "limited", 2);

        assertEquals(4, files.size(), "ceil(100 / 32)");
        assertIsPermutation(readOrder(files, 100), 100);
    }

    @Test
    void loadReturnsTheBatchesAsAnRddWithTheSameContent(JavaSparkContext sc) {
        List<String> files = export(sc, N, 42L, "loaded", 2);
        SerializableHadoopConf conf = new SerializableHadoopConf(new Configuration());

        List<DataSet> loaded = BatchFiles.load(sc, files, 3).collect();

        assertEquals(files.size(), loaded.size());
        for (int f = 0; f < files.size(); f++) {
            DataSet direct = BatchFiles.read(files.get(f), conf);
            assertEquals(direct.getFeatures(), loaded.get(f).getFeatures(), "features of batch " + f);
            assertEquals(direct.getLabels(), loaded.get(f).getLabels(), "labels of batch " + f);
        }
        assertEquals(N, BatchFiles.load(sc, files, 2).map(DataSet::numExamples).reduce(Integer::sum));
    }
}
