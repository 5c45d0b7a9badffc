package dev.sparknet.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Turns an {@link MlpSpec} into a DL4J network configuration: the one place DL4J's layer API appears. */
public final class NetworkFactory {
    private NetworkFactory() {
    }

    public static MultiLayerConfiguration configuration(MlpSpec spec) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .updater(new FusedAdam(spec.learningRate()))
                .weightInit(WeightInit.RELU) // He initialisation: keeps ReLU activations from shrinking layer by layer
                .list();
        int in = spec.inputs();
        int index = 0;
        for (int width : spec.hidden()) {
            layers.layer(index++, LeanDenseLayer.relu(in, width));
            in = width;
        }
        OutputLayer output = spec.head() == MlpSpec.Head.SOFTMAX_CROSS_ENTROPY
                ? new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(in).nOut(spec.outputs()).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build()
                : new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(in).nOut(spec.outputs()).activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build();
        layers.layer(index, output);
        return layers.build();
    }

    public static MultiLayerNetwork create(MlpSpec spec) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(spec));
        network.init();
        return network;
    }
}
