package dev.sparknet.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The gradient through a ReLU, from its output: the incoming gradient where the output is positive,
 * zero elsewhere. ND4J's {@code relu_bp} op takes ~1.1 ms for a 256x1568 minibatch on one core; the
 * same loop over heap blocks, which C2 vectorises, ~0.3 ms.
 */
final class ReluGradient {
    private static final int BLOCK = 4096;
    /** Scales any positive normal float to at least 1 (and +inf stays +inf): {@code min(out * 2^127, 1)} is then 1 or 0. */
    private static final float TO_ONE = 0x1p127f;

    private ReluGradient() {
    }

    /** @return a new array: {@code epsilon} where {@code output > 0}, else 0 */
    static INDArray mask(INDArray output, INDArray epsilon) {
        INDArray result = epsilon.ulike();
        if (!sameLayout(output, epsilon) || !sameLayout(epsilon, result)) {
            return Nd4j.exec(new RectifiedLinearDerivative(output, epsilon, result, 0.0))[0];
        }
        FloatBuffer out = floats(output);
        FloatBuffer eps = floats(epsilon);
        FloatBuffer res = floats(result);
        int outOff = (int) output.offset();
        int epsOff = (int) epsilon.offset();
        int resOff = (int) result.offset();
        float[] o = new float[BLOCK];
        float[] e = new float[BLOCK];
        int n = (int) output.length();
        for (int start = 0; start < n; start += BLOCK) {
            int len = Math.min(BLOCK, n - start);
            out.get(outOff + start, o, 0, len);
            eps.get(epsOff + start, e, 0, len);
            for (int i = 0; i < len; i++) {
                // ReLU outputs are >= 0: positive ones give a factor of 1, zeros 0. Branch-free so it vectorises.
                e[i] *= Math.min(o[i] * TO_ONE, 1f);
            }
            res.put(resOff + start, e, 0, len);
        }
        return result;
    }

    /** Both float, same shape, and element i at the same position of each contiguous buffer. */
    private static boolean sameLayout(INDArray a, INDArray b) {
        return a.dataType() == DataType.FLOAT && b.dataType() == DataType.FLOAT
                && a.length() < Integer.MAX_VALUE && a.offset() + a.length() < Integer.MAX_VALUE
                && b.offset() + b.length() < Integer.MAX_VALUE
                && a.elementWiseStride() == 1 && b.elementWiseStride() == 1
                && Arrays.equals(a.shape(), b.shape())
                && (a.ordering() == b.ordering() || a.isVector());
    }

    private static FloatBuffer floats(INDArray array) {
        return array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
