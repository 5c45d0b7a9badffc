package dev.sparknet.augment;

import dev.sparknet.SparkTestContext;
import dev.sparknet.data.BatchExport;
import dev.sparknet.data.ByteBatchLoader;
import dev.sparknet.data.CounterRandom;
import dev.sparknet.data.ExampleSelection;
import dev.sparknet.data.MnistArrays;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.data.MnistFiles;
import dev.sparknet.data.QuadrantDigits;
import dev.sparknet.data.ValidationSplit;
import dev.sparknet.training.EpochFeed;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.loader.LocalFileSourceFactory;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Distortions made in Spark tasks: each training image gets the distortion of (seed, epoch, image) whatever
 * the minibatch size, the number of tasks that cut the batches and the number that load them, and the
 * same one the driver computes for it (augment.png).
 */
@ExtendWith(SparkTestContext.class)
class ElasticBatchLoaderSparkTest {
    private static final int N = 300;
    private static final long SEED = 42;
    private static final ElasticSettings ELASTIC = new ElasticSettings(34, 4, 12, 0.12, 0.15, 1);

    @TempDir
    static Path tmp;
    static MnistDataset data;
    static MnistArrays originals;
    /** Training image index by its pixels (QuadrantDigits' images are noisy, so all differ). */
    static final Map<String, Integer> imageOfPixels = new HashMap<>();

    @BeforeAll
    static void writeData() {
        QuadrantDigits.write(tmp, N, 20, 4, 11);
        data = MnistFiles.locateAndValidate(tmp.toString(), new Configuration());
        originals = MnistArrays.read(data.train(), new Configuration());
        for (int i = 0; i < N; i++) {
            imageOfPixels.put(Arrays.toString(image(originals.pixels(), i)), i);
        }
        assertEquals(N, imageOfPixels.size(), "every training image distinct");
    }

    private static byte[] image(byte[] pixels, int i) {
        return Arrays.copyOfRange(pixels, i * 784, (i + 1) * 784);
    }

    /** Every training image's distortion in {@code epoch}, loaded in Spark tasks, by image index. */
    private static Map<Integer, String> distortedInTasks(JavaSparkContext sc, int batch, int exportTasks,
                                                         int loadTasks, int epoch, String dir) {
        ExampleSelection selection = ExampleSelection.training(ValidationSplit.none(N), SEED);
        List<String> files = BatchExport.export(sc, data.train(), selection, batch, tmp.resolve(dir).toString(), exportTasks);
        DataSetLoader loader = EpochFeed.of(files, selection, batch, SEED, 0, ELASTIC, 28, 28).passes(epoch).get(0).loader();
        DataSetLoader plain = new ByteBatchLoader();
        List<byte[][]> pairs = sc.parallelize(files, loadTasks).map(path -> {
            DataSet distorted = loader.load(new LocalFileSourceFactory().getSource(path));
            DataSet original = plain.load(new LocalFileSourceFactory().getSource(path));
            return new byte[][]{bytes(original), bytes(distorted)};
        }).collect();
        Map<Integer, String> out = new HashMap<>();
        for (byte[][] pair : pairs) {
            byte[] original = pair[0];
            byte[] distorted = pair[1];
            for (int r = 0; r < original.length / 784; r++) {
                Integer i = imageOfPixels.get(Arrays.toString(image(original, r)));
                assertNotNull(i, "a row that is no training image");
                out.put(i, Arrays.toString(image(distorted, r)));
            }
        }
        assertEquals(N, out.size(), "every training image loaded once");
        return out;
    }

    private static byte[] bytes(DataSet batch) {
        float[][] x = batch.getFeatures().toFloatMatrix();
        byte[] out = new byte[x.length * 784];
        for (int r = 0; r < x.length; r++) {
            for (int p = 0; p < 784; p++) {
                out[r * 784 + p] = (byte) Math.round(x[r][p] * 255);
            }
        }
        return out;
    }

    @Test
    void eachImageGetsTheSameDistortionHoweverTheWorkIsSplit(JavaSparkContext sc) {
        Map<Integer, String> a = distortedInTasks(sc, 32, 1, 1, 1, "a");
        Map<Integer, String> b = distortedInTasks(sc, 20, 3, 4, 1, "b");
        Map<Integer, String> c = distortedInTasks(sc, 64, 2, 2, 1, "c");
        assertEquals(a, b, "batch 32 cut by 1 task, loaded by 1 vs batch 20 cut by 3, loaded by 4");
        assertEquals(a, c, "vs batch 64 cut by 2, loaded by 2");

        // the driver's own computation (augment.png) gives the same images
        for (int i = 0; i < N; i += 37) {
            byte[] original = image(originals.pixels(), i);
            byte[] expected = new byte[784];
            new ElasticDistortion(ELASTIC, 28, 28).apply(original, 0, expected, 0, CounterRandom.key(SEED, 1, 0, i));
            assertEquals(Arrays.toString(expected), a.get(i), "image " + i);
            assertFalse(Arrays.equals(original, expected), "image " + i + " is distorted");
        }
    }

    @Test
    void everyEpochDistortsAfresh(JavaSparkContext sc) {
        Map<Integer, String> first = distortedInTasks(sc, 32, 2, 2, 1, "e1");
        Map<Integer, String> second = distortedInTasks(sc, 32, 2, 2, 2, "e2");
        List<Integer> same = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            if (first.get(i).equals(second.get(i))) {
                same.add(i);
            }
        }
        assertEquals(List.of(), same, "images distorted identically in epochs 1 and 2");
    }
}
