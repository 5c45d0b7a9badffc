package dev.sparknet.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StockNetworkTest {

    /** A 784-32-16-10 network of ours, trained a few steps so that Adam's moments and the iteration count matter. */
    private static MultiLayerNetwork trainedOurs() {
        MultiLayerNetwork ours = NetworkFactory.create(new MlpSpec(784, List.of(32, 16), 10,
                MlpSpec.Head.SOFTMAX_CROSS_ENTROPY, 0.005, 11));
        for (int step = 0; step < 5; step++) {
            ours.fit(features(64, step), labels(64));
        }
        return ours;
    }

    private static INDArray features(int rows, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, rows, 784);
    }

    private static INDArray labels(int rows) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, rows, 10);
        for (int i = 0; i < rows; i++) {
            labels.putScalar(i, i % 10, 1.0);
        }
        return labels;
    }

    @Test
    void sameConfigurationWithDl4jsClassesOnly() {
        MultiLayerNetwork ours = trainedOurs();
        MultiLayerNetwork stock = StockNetwork.of(ours);
        String json = stock.getLayerWiseConfigurations().toJson();
        assertFalse(json.contains("dev.sparknet"), json);
        for (int i = 0; i < 3; i++) {
            BaseLayer layer = (BaseLayer) stock.getLayerWiseConfigurations().getConf(i).getLayer();
            assertSame(i < 2 ? DenseLayer.class : OutputLayer.class, layer.getClass());
            assertSame(Adam.class, layer.getIUpdater().getClass());
            assertEquals(0.005, layer.getIUpdater().getLearningRate(0, 0), 0.0);
        }
        // the rest of the configuration unchanged: iteration count (Adam's bias correction), activations, sizes
        String oursJson = ours.getLayerWiseConfigurations().toJson()
                .replace(LeanDenseLayer.class.getName(), DenseLayer.class.getName())
                .replace(FusedAdam.class.getName(), Adam.class.getName());
        assertEquals(oursJson, json);
        assertEquals(ours.params(), stock.params());
        assertEquals(ours.getUpdater().getStateViewArray(), stock.getUpdater().getStateViewArray());
    }

    @Test
    void sameOutputsBitForBit() {
        MultiLayerNetwork ours = trainedOurs();
        MultiLayerNetwork stock = StockNetwork.of(ours);
        INDArray x = features(200, 99);
        assertEquals(ours.output(x), stock.output(x));
    }

    /** The stock network trains on from where ours stopped: Adam's state was carried over, not reset. */
    @Test
    void stockAdamContinuesWhereFusedAdamStopped() {
        MultiLayerNetwork ours = trainedOurs();
        MultiLayerNetwork stock = StockNetwork.of(ours);
        for (int step = 0; step < 3; step++) {
            INDArray x = features(64, 100 + step);
            ours.fit(x, labels(64));
            stock.fit(x, labels(64));
        }
        double diff = ours.params().sub(stock.params()).amaxNumber().doubleValue();
        assertTrue(diff < 1e-5, "parameters after 3 more steps differ by " + diff);
        MultiLayerNetwork fresh = new MultiLayerNetwork(stock.getLayerWiseConfigurations().clone());
        fresh.init(StockNetwork.of(trainedOurs()).params().dup(), false);
        for (int step = 0; step < 3; step++) {
            fresh.fit(features(64, 100 + step), labels(64));
        }
        assertTrue(fresh.params().sub(stock.params()).amaxNumber().doubleValue() > 10 * diff,
                "without the carried-over Adam state the steps must differ");
    }

    @Test
    void survivesModelSerializerWithItsUpdater() throws IOException {
        MultiLayerNetwork stock = StockNetwork.of(trainedOurs());
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ModelSerializer.writeModel(stock, zip, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip.toByteArray()), true);
        assertEquals(stock.params(), back.params());
        assertEquals(stock.getUpdater().getStateViewArray(), back.getUpdater().getStateViewArray());
    }

    @Test
    void aClassOfSomeoneElseIsNamed() {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .updater(new ForeignAdam()).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().nIn(3).nOut(2).activation(Activation.SOFTMAX).build())
                .build());
        network.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StockNetwork.of(network));
        assertTrue(e.getMessage().contains(ForeignAdam.class.getName()), e.getMessage());
    }

    /** An updater class neither DL4J's nor one StockNetwork knows how to replace. */
    public static class ForeignAdam extends Adam {
        @Override
        public Adam clone() {
            return new ForeignAdam();
        }
    }
}
