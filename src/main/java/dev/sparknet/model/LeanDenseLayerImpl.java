package dev.sparknet.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dense layer minus two of its four big matrix multiplies per training step:
 * <ul>
 *   <li>DL4J's backward pass recomputes the layer's pre-activation {@code x·W + b}; for ReLU the
 *       derivative only needs its sign, which the forward output already has ({@code relu(z) > 0}
 *       exactly where {@code z > 0}), so the forward output is kept and reused;</li>
 *   <li>DL4J also computes the gradient with respect to the layer's input, which the first layer of a
 *       {@code MultiLayerNetwork} throws away; it is skipped there.</li>
 * </ul>
 * For this job's 784-1568-10 network these two are half of DL4J's floating-point work per step. Whenever the
 * shortcut does not apply (another activation, dropout, masks, weight noise, layer norm, or a backward
 * pass without a matching training forward pass), DL4J's own backward pass runs.
 */
final class LeanDenseLayerImpl extends DenseLayer {
    private INDArray forwardInput;
    private INDArray forwardOutput;

    LeanDenseLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * DL4J's pre-activation {@code x·W + b}, with the product written straight into the row-major
     * result: DL4J's {@code mmuli} multiplies into a column-major temporary and copies it over.
     */
    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                                                            LayerWorkspaceMgr workspaceMgr) {
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (hasLayerNorm() || input == null || input.rank() != 2 || input.columns() != weights.rows()
                || layerConf().getWeightNoise() != null) {
            return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr); // including its input errors
        }
        assertInputSet(forBackprop);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = input.castTo(weights.dataType());
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(), x.size(0), weights.size(1));
        Nd4j.gemm(x, weights, z, false, false, 1.0, 0.0);
        if (hasBias()) {
            z.addiRowVector(getParam(DefaultParamInitializer.BIAS_KEY));
        }
        if (maskArray != null) {
            applyMask(z);
        }
        return new Pair<>(z, z);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray output = super.activate(training, workspaceMgr);
        forwardInput = training ? input : null;
        forwardOutput = training ? output : null;
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!canReuseForwardPass()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray delta = ReluGradient.mask(forwardOutput, epsilon);

        Gradient gradient = new DefaultGradient();
        INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        delta.sum(biasGrad, 0);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);

        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false, 1.0, 0.0);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);

        INDArray epsilonNext = null;
        if (getIndex() > 0) {
            INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
            epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[]{weights.size(0), delta.size(0)}, 'f');
            epsilonNext = weights.mmuli(delta.transpose(), epsilonNext).transpose();
        }
        forwardInput = null;
        forwardOutput = null;
        return new Pair<>(gradient, epsilonNext);
    }

    private boolean canReuseForwardPass() {
        return forwardOutput != null && forwardInput == input
                && layerConf().getActivationFn().equals(new ActivationReLU())
                && maskArray == null && layerConf().getIDropout() == null && layerConf().getWeightNoise() == null
                && !hasLayerNorm() && hasBias()
                && (!forwardOutput.isAttached() || forwardOutput.data().getParentWorkspace().isScopeActive());
    }

    @Override
    public void clear() {
        super.clear();
        forwardInput = null;
        forwardOutput = null;
    }
}
