package dev.sparknet.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReluGradientTest {

    private static INDArray reluOutput(char order) {
        INDArray z = Nd4j.rand(DataType.FLOAT, order, 37, 5000).subi(0.5); // several copy blocks, a ragged last one
        return Nd4j.exec(new RectifiedLinear(z));
    }

    private static INDArray nd4jReluBp(INDArray output, INDArray epsilon) {
        return Nd4j.exec(new RectifiedLinearDerivative(output, epsilon, epsilon.ulike(), 0.0))[0];
    }

    @Test
    void equalsNd4jsReluBackpropForMatchingLayouts() {
        INDArray output = reluOutput('c');
        output.putScalar(0, 0, Float.MIN_NORMAL); // the smallest positive output still passes the gradient
        output.putScalar(0, 1, Float.MAX_VALUE);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 37, 5000);

        INDArray result = ReluGradient.mask(output, epsilon);

        assertEquals(nd4jReluBp(output, epsilon), result);
        assertEquals(epsilon.getFloat(0, 0), result.getFloat(0, 0));
        assertEquals(epsilon.getFloat(0, 1), result.getFloat(0, 1));
        long zeros = output.eq(0).castTo(DataType.INT).sumNumber().longValue();
        assertEquals(zeros, result.eq(0).castTo(DataType.INT).sumNumber().longValue());
    }

    @Test
    void mixedLayoutsGoToNd4jsOp() {
        INDArray output = reluOutput('f');
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 37, 5000); // 'c': element positions differ

        assertEquals(nd4jReluBp(output, epsilon), ReluGradient.mask(output, epsilon));
    }

    @Test
    void leavesTheIncomingGradientUntouched() {
        INDArray output = reluOutput('c');
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 37, 5000);
        INDArray before = epsilon.dup();

        ReluGradient.mask(output, epsilon);

        assertEquals(before, epsilon);
    }
}
