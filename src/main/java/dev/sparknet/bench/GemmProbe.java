package dev.sparknet.bench;

import dev.sparknet.model.MlpSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    /**
     * The machine's speed both ways a training job can use it: one stream of products with ND4J's
     * native threads spread over all {@code cores}, and {@code cores} streams side by side with one
     * native thread each (how data-parallel workers use it). The roofline takes the faster.
     *
     * @param oneStreamGflops GFLOP/s of one stream using all cores
     * @param parallelGflops  combined GFLOP/s of one single-threaded stream per core
     */
    public record Speed(double oneStreamGflops, double parallelGflops) {
        public double best() {
            return Math.max(oneStreamGflops, parallelGflops);
        }
    }

    /** Measures each way for about {@code seconds}. Leaves ND4J's BLAS thread count as it found it. */
    public static Speed measure(MlpSpec spec, int batch, int cores, double seconds) {
        int blasThreads = Nd4j.factory().blas().getMaxThreads();
        try {
            Nd4j.factory().blas().setMaxThreads(cores);
            double oneStream = gflops(spec, batch, seconds);
            Nd4j.factory().blas().setMaxThreads(1);
            return new Speed(oneStream, parallelGflops(spec, batch, cores, seconds));
        } finally {
            Nd4j.factory().blas().setMaxThreads(blasThreads);
        }
    }

    private static double parallelGflops(MlpSpec spec, int batch, int streams, double seconds) {
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        try {
            List<Future<Double>> results = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                results.add(pool.submit(() -> gflops(spec, batch, seconds)));
            }
            double total = 0;
            for (Future<Double> result : results) {
                total += result.get();
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring matrix multiply speed", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("matrix multiply probe failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return GFLOP/s of one stream of the step's matrix products on the calling thread */
    static double gflops(MlpSpec spec, int batch, double seconds) {
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
