package dev.sparknet.export;

import dev.sparknet.BadInputException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A network read as what it computes at inference: a stack of {@code activation(x · W + b)}. Anything
 * else (other layer types, layer norm, input preprocessors, an activation ONNX has no plain operator
 * for) is refused with a {@link BadInputException} naming the model and the layer.
 */
record DenseStack(List<Layer> layers) {

    /** One layer: weights [in][out], bias [out] (null without one), and its activation as an ONNX operator. */
    record Layer(String name, float[][] weights, float[] bias, String activation) {
        int inputs() {
            return weights.length;
        }

        int outputs() {
            return weights[0].length;
        }
    }

    /** ONNX operator of each activation DL4J writes with these defaults; identity has none (null). */
    private static final Map<IActivation, String> OPERATORS = Map.of(
            new ActivationReLU(), "Relu", new ActivationSoftmax(), "Softmax",
            new ActivationSigmoid(), "Sigmoid", new ActivationTanH(), "Tanh");

    static DenseStack of(MultiLayerNetwork network, String modelPath) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        if (!conf.getInputPreProcessors().isEmpty()) {
            throw refuse(modelPath, "has input preprocessors");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < network.getnLayers(); i++) {
            org.deeplearning4j.nn.conf.layers.Layer layer = conf.getConf(i).getLayer();
            String what = "layer " + i + " (" + layer.getClass().getSimpleName() + ")";
            if (!(layer instanceof DenseLayer) && !(layer instanceof OutputLayer)) {
                throw refuse(modelPath, what + " is neither a dense nor an output layer");
            }
            if (layer instanceof DenseLayer dense && dense.hasLayerNorm()) {
                throw refuse(modelPath, what + " uses layer normalisation");
            }
            IActivation activation = ((BaseLayer) layer).getActivationFn();
            String operator = OPERATORS.get(activation);
            if (operator == null && !(activation instanceof ActivationIdentity)) {
                throw refuse(modelPath, what + " has activation " + activation);
            }
            boolean hasBias = layer instanceof DenseLayer d ? d.hasBias() : ((OutputLayer) layer).hasBias();
            org.deeplearning4j.nn.api.Layer params = network.getLayer(i);
            layers.add(new Layer("layer" + i, params.getParam("W").toFloatMatrix(),
                    hasBias ? params.getParam("b").toFloatVector() : null, operator));
        }
        return new DenseStack(layers);
    }

    private static BadInputException refuse(String modelPath, String why) {
        return new BadInputException("--model " + modelPath + ": cannot export: " + why
                + " (export handles dense ReLU/sigmoid/tanh/identity layers with a softmax or identity output)");
    }

    int inputs() {
        return layers.get(0).inputs();
    }

    int outputs() {
        return layers.get(layers.size() - 1).outputs();
    }

    long parameterCount() {
        long n = 0;
        for (Layer l : layers) {
            n += (long) l.inputs() * l.outputs() + (l.bias() == null ? 0 : l.bias().length);
        }
        return n;
    }

    boolean classifier() {
        return "Softmax".equals(layers.get(layers.size() - 1).activation());
    }
}
