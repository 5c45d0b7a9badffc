package dev.sparknet.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * A fully connected ReLU layer that trains with half the matrix multiplies of DL4J's
 * {@link DenseLayer} when it is the network's first layer (see {@link LeanDenseLayerImpl}). Same
 * parameters, same initialisation, same gradients; a network saved with it loads wherever this
 * class is on the classpath.
 */
public class LeanDenseLayer extends DenseLayer {

    /** For Jackson, which rebuilds the configuration from model.zip. */
    public LeanDenseLayer() {
    }

    public static LeanDenseLayer relu(int inputs, int outputs) {
        LeanDenseLayer layer = new LeanDenseLayer();
        layer.setNIn(inputs);
        layer.setNOut(outputs);
        layer.setActivationFn(new ActivationReLU());
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("LeanDenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        LeanDenseLayerImpl layer = new LeanDenseLayerImpl(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }
}
