package dev.sparknet.mlbench;

import dev.sparknet.config.MllibBenchConfig;
import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.ml.MlpClassifier;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * `bench --mllib`: the same Pipeline fitted on the same cached DataFrame twice, once with MlpClassifier and once with
 * MLlib's MultilayerPerceptronClassifier swapped in, same layer sizes, same Spark tasks; each classifier's test
 * accuracy over its training time, and how long each took to each accuracy level. Publishes bench-mllib.json.
 */
public final class MllibBench {
    static final String FILE = "bench-mllib.json";
    /** Rows of the untimed warm-up fits. */
    private static final int WARM_UP_ROWS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(MllibBench.class);

    private MllibBench() {
    }

    public static MllibComparison run(MllibBenchConfig config) {
        MnistJobConfig mnist = config.mnist();
        return FrameBench.run(mnist, config.hidden(), mnist.trainLimit(), FILE, frames -> {
            Dataset<Row> train = frames.train();
            Dataset<Row> test = frames.test();
            int[] layers = config.layers(frames.data().train().pixelsPerImage(), frames.data().numClasses());
            MlpClassifier mlp = mlp(config, layers, frames.workers(), frames.run().scratch().resolve("mlp"));
            MultilayerPerceptronClassifier mllib = mllib(config, layers);
            warmUp(mlp, mllib, train);

            log.info("MlpClassifier {}: {} epochs on {} rows", Arrays.toString(layers), config.epochs(), train.count());
            AccuracyCurve ours = MlpCurve.run(mlp.setMaxIter(config.epochs()), train, test);
            log.info("MultilayerPerceptronClassifier {}: up to {} L-BFGS iterations, {} per point, capped at {} s",
                    Arrays.toString(layers), config.iterations(), config.chunk(), config.capSeconds());
            AccuracyCurve theirs = MllibCurve.run(mllib, train, test, new MllibCurve.Limits(config.iterations(),
                    config.chunk(), config.capSeconds(), config.levels().get(config.levels().size() - 1)));
            return new MllibComparison(Arrays.stream(layers).mapToObj(String::valueOf)
                    .collect(Collectors.joining("-")), (int) train.count(), (int) test.count(), frames.workers(),
                    "MlpClassifier: ReLU hidden layers, softmax output, Adam; MLlib: sigmoid hidden layers, softmax "
                            + "output, L-BFGS", MllibComparison.levels(config.levels(), ours, theirs), ours, theirs,
                    new MllibComparison.Settings(mnist.learningRate(), mnist.training().learningRate().decayPerEpoch(),
                            mnist.training().batchSize(), mnist.training().averagingFrequency(), mnist.training().seed(),
                            config.epochs(), config.iterations(), config.chunk(), config.capSeconds()),
                    frames.provenance(mnist));
        });
    }

    static MlpClassifier mlp(MllibBenchConfig config, int[] layers, int workers, String workDir) {
        MnistJobConfig mnist = config.mnist();
        return new MlpClassifier().setLayers(layers).setStepSize(mnist.learningRate())
                .setStepSizeDecay(mnist.training().learningRate().decayPerEpoch()).setBlockSize(mnist.training().batchSize())
                .setAveragingFrequency(mnist.training().averagingFrequency()).setSeed(mnist.training().seed())
                .setNumWorkers(workers).setWorkDir(workDir);
    }

    /** MLlib's blockSize only groups rows for its matrix products (L-BFGS takes whole passes): the same as ours. */
    static MultilayerPerceptronClassifier mllib(MllibBenchConfig config, int[] layers) {
        return new MultilayerPerceptronClassifier().setLayers(layers).setSeed(config.mnist().training().seed())
                .setBlockSize(config.mnist().training().batchSize());
    }

    /** One untimed fit of each on a small slice, so neither pays the JVM's class loading and JIT in its first timed fit. */
    private static void warmUp(MlpClassifier mlp, MultilayerPerceptronClassifier mllib, Dataset<Row> train) {
        Dataset<Row> slice = train.limit(WARM_UP_ROWS).cache();
        mlp.copy(new org.apache.spark.ml.param.ParamMap()).setMaxIter(1).fit(slice);
        mllib.copy(new org.apache.spark.ml.param.ParamMap()).setMaxIter(1).fit(slice);
        slice.unpersist();
    }
}
