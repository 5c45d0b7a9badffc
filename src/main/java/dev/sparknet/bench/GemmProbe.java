package dev.sparknet.bench;

import dev.sparknet.model.MlpSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures how fast this machine multiplies matrices through ND4J at exactly the shapes one training
 * step of the network uses: per layer the forward product, the weight gradient and (except for the
 * first layer) the input gradient. Their combined FLOP rate divided by the FLOPs of one example is
 * the roofline: the examples/s no implementation of this network could beat on this machine.
 */
public final class GemmProbe {
    private GemmProbe() {
    }

    private record Gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, long flops) {
        void run() {
            Nd4j.gemm(a, b, c, transposeA, false, 1.0, 0.0);
        }
    }

    /** @return GFLOP/s over the step's matrix products, measured for about {@code seconds} */
    public static double gflops(MlpSpec spec, int batch, double seconds) {
        List<Gemm> step = new ArrayList<>();
        int in = spec.inputs();
        List<Integer> widths = new ArrayList<>(spec.hidden());
        widths.add(spec.outputs());
        boolean first = true;
        for (int out : widths) {
            step.add(new Gemm(rand(batch, in), rand(in, out), Nd4j.create(DataType.FLOAT, batch, out), false,
                    2L * batch * in * out));
            step.add(new Gemm(rand(batch, in), rand(batch, out), Nd4j.create(DataType.FLOAT, in, out), true,
                    2L * batch * in * out));
            if (!first) {
                step.add(new Gemm(rand(batch, out), rand(out, in), Nd4j.create(DataType.FLOAT, batch, in), false,
                        2L * batch * in * out));
            }
            first = false;
            in = out;
        }
        long flopsPerStep = step.stream().mapToLong(Gemm::flops).sum();
        for (int i = 0; i < 5; i++) {
            step.forEach(Gemm::run);
        }
        long start = System.nanoTime();
        long steps = 0;
        while (System.nanoTime() - start < seconds * 1e9) {
            step.forEach(Gemm::run);
            steps++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return flopsPerStep * steps / elapsed / 1e9;
    }

    private static INDArray rand(int rows, int cols) {
        return Nd4j.rand(DataType.FLOAT, rows, cols);
    }
}
