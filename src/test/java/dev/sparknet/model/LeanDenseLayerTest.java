package dev.sparknet.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeanDenseLayerTest {
    private static final INDArray FEATURES = Nd4j.rand(DataType.FLOAT, 32, 20).subi(0.5);
    private static final INDArray LABELS = Nd4j.eye(5).castTo(DataType.FLOAT).repeat(0, 7).get(
            org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 32), org.nd4j.linalg.indexing.NDArrayIndex.all());

    private static MultiLayerNetwork network(BiFunction<Integer, Integer, Layer> hidden) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(0.01))
                .weightInit(WeightInit.RELU).list()
                .layer(0, hidden.apply(20, 30))
                .layer(1, hidden.apply(30, 16))
                .layer(2, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(5)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    private static MultiLayerNetwork dl4jRelu() {
        return network((in, out) -> new DenseLayer.Builder().nIn(in).nOut(out).activation(Activation.RELU).build());
    }

    private static INDArray gradient(MultiLayerNetwork network) {
        network.setInput(FEATURES);
        network.setLabels(LABELS);
        network.computeGradientAndScore();
        return network.gradient().gradient().dup();
    }

    @Test
    void gradientsEqualDl4jDenseLayerForFirstAndLaterLayers() {
        MultiLayerNetwork reference = dl4jRelu();
        MultiLayerNetwork lean = network(LeanDenseLayer::relu);
        lean.setParams(reference.params());

        INDArray expected = gradient(reference);
        INDArray actual = gradient(lean);

        assertTrue(expected.amaxNumber().doubleValue() > 1e-3, "the reference gradient is not trivially zero");
        assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue(), 1e-6);
        assertEquals(reference.score(), lean.score(), 1e-6);
    }

    @Test
    void trainingFollowsDl4jDenseLayerStepForStep() {
        MultiLayerNetwork reference = dl4jRelu();
        MultiLayerNetwork lean = network(LeanDenseLayer::relu);
        lean.setParams(reference.params());
        for (int step = 0; step < 20; step++) {
            reference.fit(FEATURES, LABELS);
            lean.fit(FEATURES, LABELS);
        }
        assertEquals(0.0, reference.params().sub(lean.params()).amaxNumber().doubleValue(), 1e-5);
        assertTrue(lean.score() < 1.0, "it learned something: score " + lean.score());
    }

    @Test
    void otherActivationsUseDl4jsOwnBackwardPass() {
        MultiLayerNetwork reference = network((in, out) -> new DenseLayer.Builder().nIn(in).nOut(out)
                .activation(Activation.SIGMOID).build());
        MultiLayerNetwork lean = network((in, out) -> {
            LeanDenseLayer layer = LeanDenseLayer.relu(in, out);
            layer.setActivationFn(new ActivationSigmoid());
            return layer;
        });
        lean.setParams(reference.params());

        assertEquals(0.0, gradient(reference).sub(gradient(lean)).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void survivesModelZipRoundTrip(@TempDir File dir) throws Exception {
        MultiLayerNetwork lean = network(LeanDenseLayer::relu);
        lean.fit(FEATURES, LABELS);
        File zip = new File(dir, "model.zip");
        ModelSerializer.writeModel(lean, zip, true);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(zip, true);

        assertInstanceOf(LeanDenseLayer.class, restored.getLayerWiseConfigurations().getConf(0).getLayer());
        assertEquals(lean.output(FEATURES), restored.output(FEATURES));
        assertEquals(lean.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
    }
}
