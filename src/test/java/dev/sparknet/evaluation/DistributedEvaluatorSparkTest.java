package dev.sparknet.evaluation;

import dev.sparknet.SparkTestContext;
import dev.sparknet.data.BatchExport;
import dev.sparknet.data.ExampleOrder;
import dev.sparknet.data.ExampleSelection;
import dev.sparknet.data.MnistArrays;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.data.MnistFiles;
import dev.sparknet.data.MnistSplit;
import dev.sparknet.data.QuadrantDigits;
import dev.sparknet.data.ValidationSplit;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.model.NetworkFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scoring on Spark must give exactly the confusion matrix a single-JVM DL4J evaluation gives. */
@ExtendWith(SparkTestContext.class)
class DistributedEvaluatorSparkTest {
    private static final int TRAIN = 200;
    private static final int TEST = 1037; // not a multiple of any batch size used: partial last batches
    private static final int CLASSES = 10;

    @TempDir
    static java.nio.file.Path tmp;
    static MnistSplit test;
    static MultiLayerNetwork net;
    static ClassificationMetrics singleJvm;

    /**
     * A half-trained network: a few Adam steps on noisy quadrant images, so that its confusion matrix
     * has both correct and wrong predictions in several cells (a random or fully trained network would
     * make an all-in-one-column or purely diagonal matrix, which proves less).
     */
    @BeforeAll
    static void trainALittleAndScoreSingleJvm() {
        QuadrantDigits.write(tmp, TRAIN, TEST, 4, 11);
        MnistDataset data = MnistFiles.locateAndValidate(tmp.toString(), new Configuration());
        // The data's K is 4; read against 10 so the network and its one-hot labels keep MNIST's width.
        test = data.test().withNumClasses(CLASSES);
        net = NetworkFactory.create(new MlpSpec(784, List.of(16), CLASSES, MlpSpec.Head.SOFTMAX_CROSS_ENTROPY, 1e-3, 5));
        MnistArrays train = MnistArrays.read(data.train(), new Configuration());
        int[] order = ExampleOrder.shuffled(TRAIN, 3);
        for (int from = 0; from < 96; from += 32) {
            net.fit(BatchExport.toDataSet(train, order, from, from + 32, CLASSES));
        }
        MnistArrays arrays = MnistArrays.read(test, new Configuration());
        DataSet all = BatchExport.toDataSet(arrays, ExampleOrder.identity(TEST), 0, TEST, CLASSES);
        Evaluation evaluation = net.evaluate(new ListDataSetIterator<>(all.asList(), 100));
        singleJvm = DistributedEvaluator.fromDl4j(evaluation, CLASSES);

        assertEquals(TEST, singleJvm.total());
        assertEquals(evaluation.accuracy(), singleJvm.accuracy(), 1e-12, "fromDl4j keeps DL4J's accuracy");
        long[][] m = singleJvm.confusion();
        int nonZero = 0;
        for (long[] row : m) {
            for (long v : row) {
                nonZero += v > 0 ? 1 : 0;
            }
        }
        assertTrue(singleJvm.accuracy() > 0.25 && singleJvm.accuracy() < 1 && nonZero >= 5,
                "test setup: want a partly right network, got accuracy " + singleJvm.accuracy() + " and "
                        + java.util.Arrays.deepToString(m));
    }

    private static void assertSameAsSingleJvm(ClassificationMetrics distributed) {
        assertEquals(TEST, distributed.total(), "every test example scored exactly once");
        for (int actual = 0; actual < CLASSES; actual++) {
            assertArrayEquals(singleJvm.confusion()[actual], distributed.confusion()[actual],
                    "confusion row of class " + actual);
        }
        assertEquals(singleJvm.accuracy(), distributed.accuracy(), 0.0);
    }

    @Test
    void agreesExactlyWithSingleJvmEvaluationOnEvalSizedBatches(JavaSparkContext sc) {
        List<String> files = BatchExport.export(sc, test, ExampleSelection.inFileOrder(TEST), 500, tmp.resolve("eval500").toString(), 2);
        assertEquals(3, files.size());

        assertSameAsSingleJvm(DistributedEvaluator.evaluate(sc, new SparkDl4jMultiLayer(sc, net, null), files, 2, 500, CLASSES));
    }

    @Test
    void agreesExactlyWithSingleJvmEvaluationOnSmallShuffledBatchesAndMoreWorkers(JavaSparkContext sc) {
        // Order does not matter to a confusion matrix; many small files over 3 tasks of 2 cores must add up the same.
        List<String> files = BatchExport.export(sc, test, ExampleSelection.training(ValidationSplit.none(TEST), 99L), 64, tmp.resolve("eval64").toString(), 3);
        assertEquals(17, files.size());

        assertSameAsSingleJvm(DistributedEvaluator.evaluate(sc, new SparkDl4jMultiLayer(sc, net, null), files, 3, 500, CLASSES));
    }
}
