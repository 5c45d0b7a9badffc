package dev.sparknet.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FusedAdamTest {

    private static MultiLayerNetwork network(IUpdater updater, DataType dataType) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(updater)
                .dataType(dataType).weightInit(WeightInit.RELU).list()
                .layer(0, LeanDenseLayer.relu(12, 24))
                .layer(1, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(24).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    private static INDArray labels(int rows) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, rows, 3);
        for (int i = 0; i < rows; i++) {
            labels.putScalar(i, i % 3, 1.0);
        }
        return labels;
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    @Test
    void followsDl4jsAdamStepForStep() {
        MultiLayerNetwork reference = network(new Adam(0.01), DataType.FLOAT);
        MultiLayerNetwork fused = network(new FusedAdam(0.01), DataType.FLOAT);
        fused.setParams(reference.params());
        INDArray labels = labels(16);
        for (int step = 0; step < 40; step++) {
            INDArray features = Nd4j.rand(DataType.FLOAT, 16, 12);
            reference.fit(features, labels);
            fused.fit(features, labels);
        }
        INDArray start = network(new Adam(0.01), DataType.FLOAT).params();
        assertTrue(maxDifference(start, fused.params()) > 0.05, "the parameters moved");
        assertEquals(0.0, maxDifference(reference.params(), fused.params()), 1e-5);
        // Both moments, in DL4J's layout, so Spark's averaging and model.zip treat them alike.
        assertEquals(0.0, maxDifference(reference.getUpdater().getStateViewArray(),
                fused.getUpdater().getStateViewArray()), 1e-6);
    }

    @Test
    void doublePrecisionNetworksFallBackToNd4jsOp() {
        MultiLayerNetwork reference = network(new Adam(0.01), DataType.DOUBLE);
        MultiLayerNetwork fused = network(new FusedAdam(0.01), DataType.DOUBLE);
        fused.setParams(reference.params());
        INDArray features = Nd4j.rand(DataType.DOUBLE, 16, 12);
        INDArray labels = labels(16).castTo(DataType.DOUBLE);
        for (int step = 0; step < 5; step++) {
            reference.fit(features, labels);
            fused.fit(features, labels);
        }
        assertEquals(0.0, maxDifference(reference.params(), fused.params()), 1e-12);
    }

    @Test
    void momentsOfParametersThatStopReceivingGradientsNeverStaySubnormal() {
        MultiLayerNetwork fused = network(new FusedAdam(0.01), DataType.FLOAT);
        INDArray labels = labels(8);
        INDArray features = Nd4j.rand(DataType.FLOAT, 8, 12);
        fused.fit(features, labels);
        // From now on input 0 is blank: its weights' gradients are exactly zero and their first
        // moment decays by 0.9 a step, through the subnormal range after ~750-900 steps.
        features.getColumn(0).assign(0);
        int[] subnormalFor = new int[(int) fused.getUpdater().getStateViewArray().length()];
        int longest = 0;
        for (int step = 0; step < 1200; step++) {
            fused.fit(features, labels);
            float[] state = fused.getUpdater().getStateViewArray().dup().data().asFloat();
            for (int i = 0; i < state.length; i++) {
                boolean subnormal = state[i] != 0 && Math.abs(state[i]) < Float.MIN_NORMAL;
                subnormalFor[i] = subnormal ? subnormalFor[i] + 1 : 0;
                longest = Math.max(longest, subnormalFor[i]);
            }
        }
        float[] state = fused.getUpdater().getStateViewArray().dup().data().asFloat();
        long zeros = 0;
        for (float value : state) {
            zeros += value == 0 ? 1 : 0;
        }
        assertTrue(longest < FusedAdamUpdater.FLUSH_EVERY, "a moment stayed subnormal for " + longest + " steps");
        assertTrue(zeros >= 24, "the blank input's first moments were flushed to zero: " + zeros);
    }

    @Test
    void survivesModelZipRoundTripAsFusedAdam(@TempDir File dir) throws Exception {
        MultiLayerNetwork fused = network(new FusedAdam(0.02), DataType.FLOAT);
        fused.fit(Nd4j.rand(DataType.FLOAT, 8, 12), labels(8));
        File zip = new File(dir, "model.zip");
        ModelSerializer.writeModel(fused, zip, true);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(zip, true);
        IUpdater updater = restored.getLayerWiseConfigurations().getConf(0).getLayer().getUpdaterByParam("W");

        assertInstanceOf(FusedAdam.class, updater);
        assertEquals(0.02, ((Adam) updater).getLearningRate(), 1e-12);
        assertEquals(fused.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
    }
}
