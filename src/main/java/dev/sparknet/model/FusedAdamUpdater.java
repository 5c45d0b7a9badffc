package dev.sparknet.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Adam's step as one loop over the gradient and both moments, for float row vectors laid out
 * contiguously (which is how DL4J hands a network's flattened gradient to its updater). Anything
 * else goes to ND4J's native op. The arithmetic is the native op's: bias correction folded into the
 * step size, epsilon added to the uncorrected root of the second moment.
 */
final class FusedAdamUpdater extends AdamUpdater {

    FusedAdamUpdater(FusedAdam config) {
        super(config);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        INDArray m = getM();
        INDArray v = getV();
        if (m == null || v == null || !fusable(gradient, m, v)) {
            super.applyUpdater(gradient, iteration, epoch);
            return;
        }
        double beta1 = getConfig().getBeta1();
        double beta2 = getConfig().getBeta2();
        double epsilon = getConfig().getEpsilon();
        double learningRate = getConfig().getLearningRate(iteration, epoch);
        double step = learningRate * Math.sqrt(1 - Math.pow(beta2, iteration + 1)) / (1 - Math.pow(beta1, iteration + 1));
        if (!Double.isFinite(step) || step == 0) {
            step = epsilon; // what the native op does when the bias correction is degenerate
        }
        update(floats(gradient), (int) gradient.offset(), floats(m), (int) m.offset(), floats(v), (int) v.offset(),
                (int) gradient.length(), (float) beta1, (float) beta2, (float) epsilon, (float) step);
    }

    private static void update(FloatBuffer g, int gOff, FloatBuffer m, int mOff, FloatBuffer v, int vOff, int n,
                               float beta1, float beta2, float epsilon, float step) {
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            float grad = g.get(gOff + i);
            float mi = flushSubnormal(beta1 * m.get(mOff + i) + grad * oneMinusBeta1);
            float vi = flushSubnormal(beta2 * v.get(vOff + i) + grad * grad * oneMinusBeta2);
            m.put(mOff + i, mi);
            v.put(vOff + i, vi);
            g.put(gOff + i, mi * step / ((float) Math.sqrt(vi) + epsilon));
        }
    }

    /**
     * A moment whose gradient stays zero (a dead unit, a pixel that is always blank) decays by beta
     * every step and after ~800 steps becomes subnormal; arithmetic on subnormal floats is ~100x
     * slower on x86, and the whole step slowed ~8x once enough of them had piled up. They are that
     * close to zero anyway.
     */
    private static float flushSubnormal(float value) {
        return Math.abs(value) < Float.MIN_NORMAL ? 0f : value;
    }

    private static boolean fusable(INDArray gradient, INDArray m, INDArray v) {
        long n = gradient.length();
        return n == m.length() && n == v.length() && n < Integer.MAX_VALUE
                && contiguousFloats(gradient) && contiguousFloats(m) && contiguousFloats(v)
                && gradient.offset() + n < Integer.MAX_VALUE && m.offset() + n < Integer.MAX_VALUE
                && v.offset() + n < Integer.MAX_VALUE;
    }

    private static boolean contiguousFloats(INDArray array) {
        return array.dataType() == DataType.FLOAT && array.isRowVector() && array.elementWiseStride() == 1;
    }

    /** The whole underlying buffer: element i of the array is at {@code array.offset() + i}. */
    private static FloatBuffer floats(INDArray array) {
        return array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
