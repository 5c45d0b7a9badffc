package dev.sparknet.ml;

import dev.sparknet.model.MlpSpec;
import dev.sparknet.model.NetworkFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The plain-Java forward pass a model transforms with computes what the DL4J network it came from computes. */
class MlpWeightsTest {
    @Test
    void probabilitiesMatchTheDl4jNetworkTheyWereTakenFrom() {
        MultiLayerNetwork network = NetworkFactory.create(new MlpSpec(12, List.of(9, 7), 5,
                MlpSpec.Head.SOFTMAX_CROSS_ENTROPY, 0.01, 3));
        MlpWeights weights = MlpWeights.of(network);
        assertArrayEquals(new int[]{12, 9, 7, 5}, weights.layers());
        Random random = new Random(5);
        for (int example = 0; example < 20; example++) {
            double[] x = new double[12];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextDouble() < 0.3 ? 0 : random.nextGaussian(); // zeros take the sparse shortcut
            }
            INDArray expected = network.output(Nd4j.create(x, new long[]{1, 12}).castTo(DataType.FLOAT));
            double[] p = weights.rawScores(x);
            MlpWeights.softmaxInPlace(p);
            for (int k = 0; k < 5; k++) {
                assertEquals(expected.getDouble(0, k), p[k], 1e-5, "example " + example + ", class " + k);
            }
        }
    }

    @Test
    void flattenedParametersRoundTripAndSizesThatDoNotAddUpAreRefused() {
        MlpWeights weights = MlpWeights.of(NetworkFactory.create(new MlpSpec(4, List.of(3), 2,
                MlpSpec.Head.SOFTMAX_CROSS_ENTROPY, 0.01, 1)));
        float[] flat = weights.flatten();
        assertEquals(4 * 3 + 3 + 3 * 2 + 2, flat.length);
        assertArrayEquals(flat, MlpWeights.unflatten(new int[]{4, 3, 2}, flat).flatten());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MlpWeights.unflatten(new int[]{4, 4, 2}, flat));
        assertEquals("layers [4, 4, 2] need 30 parameters; the model holds 23", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MlpWeights.unflatten(new int[]{4, -3, 2}, flat));
        assertThrows(IllegalArgumentException.class, () -> weights.rawScores(new double[5]));
    }
}
