package dev.sparknet.ml;

import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * A multilayer perceptron classifier for Spark ML: a drop-in for MLlib's {@code MultilayerPerceptronClassifier}
 * (same param names and meanings: {@code layers}, {@code maxIter}, {@code stepSize}, {@code blockSize},
 * {@code seed}, the column params), trained by this project's parameter-averaging engine (ReLU hidden layers,
 * softmax output, Adam) instead of L-BFGS on sigmoids. Works in a {@code Pipeline}, {@code CrossValidator} and
 * {@code TrainValidationSplit}; saved and loaded like any MLlib estimator.
 *
 * <pre>
 * MlpClassifier mlp = new MlpClassifier().setLayers(new int[]{784, 256, 10}).setMaxIter(3);
 * MlpClassificationModel model = mlp.fit(train);        // features: Vector, label: 0..K-1
 * model.transform(test).select("prediction", "probability");
 * </pre>
 */
public final class MlpClassifier extends ProbabilisticClassifier<Vector, MlpClassifier, MlpClassificationModel>
        implements DefaultParamsWritable {
    /** No initializer: set by {@link #uid()} while the superclass constructor runs (see {@link JavaUid}). */
    private String uid;
    private final IntArrayParam layers;
    private final IntParam maxIter;
    private final DoubleParam stepSize;
    private final IntParam blockSize;
    private final LongParam seed;
    private final IntParam averagingFrequency;
    private final DoubleParam stepSizeDecay;
    private final DoubleParam validationFraction;
    private final IntParam patience;
    private final IntParam numWorkers;
    private final Param<String> workDir;
    /** Not a Param: a driver-side callback, neither saved nor copied (a copy made by CrossValidator has none). */
    private transient EpochModels epochModels;

    /** Receives, on the driver, the model of each epoch as soon as that epoch is trained. */
    public interface EpochModels {
        void trained(int epoch, MlpClassificationModel model);
    }

    public MlpClassifier() {
        this(JavaUid.random("mlpc"));
    }

    public MlpClassifier(String uid) {
        this(JavaUid.pending(uid));
    }

    private MlpClassifier(JavaUid.Pending uidHandedOver) {
        uid();
        layers = new IntArrayParam(this, "layers", "sizes of layers from input layer to output layer, e.g. "
                + "784, 256, 10: 784 inputs, a hidden ReLU layer of 256 and 10 classes");
        maxIter = new IntParam(this, "maxIter", "epochs: passes over the training rows (>= 1); with "
                + "validationFraction > 0, at most this many", ParamValidators.gtEq(1));
        stepSize = new DoubleParam(this, "stepSize", "Adam's learning rate in the first epoch (> 0)",
                ParamValidators.gt(0));
        blockSize = new IntParam(this, "blockSize", "minibatch size: rows per gradient step on a worker (>= 1)",
                ParamValidators.gtEq(1));
        seed = new LongParam(this, "seed", "seed of the initial weights, the row order and the validation rows");
        averagingFrequency = new IntParam(this, "averagingFrequency", "minibatches each worker fits between two "
                + "parameter averagings (>= 1)", ParamValidators.gtEq(1));
        stepSizeDecay = new DoubleParam(this, "stepSizeDecay", "the learning rate is multiplied by this after "
                + "every epoch (0 < decay <= 1)", ParamValidators.inRange(0, 1, false, true));
        validationFraction = new DoubleParam(this, "validationFraction", "share of the training rows held out to "
                + "choose the epoch kept and stop early (0 = none, up to 0.5)", ParamValidators.inRange(0, 0.5, true, true));
        patience = new IntParam(this, "patience", "with validation rows: stop after this many epochs without a "
                + "better validation accuracy (0 = never stop early)", ParamValidators.gtEq(0));
        numWorkers = new IntParam(this, "numWorkers", "parallel training tasks (0 = Spark's default parallelism)",
                ParamValidators.gtEq(0));
        workDir = new Param<>(this, "workDir", "a folder every executor can read and write (a Hadoop path) for "
                + "the minibatch files; empty = the default file system's working directory");
        setDefault(maxIter, 10);
        setDefault(stepSize, 0.008);
        setDefault(blockSize, 256);
        setDefault(seed, 42L);
        setDefault(averagingFrequency, 40);
        setDefault(stepSizeDecay, 0.7);
        setDefault(validationFraction, 0.0);
        setDefault(patience, 3);
        setDefault(numWorkers, 0);
        setDefault(workDir, "");
    }

    @Override
    public String uid() {
        if (uid == null) {
            uid = JavaUid.take();
        }
        return uid;
    }

    public IntArrayParam layers() { return layers; }
    public IntParam maxIter() { return maxIter; }
    public DoubleParam stepSize() { return stepSize; }
    public IntParam blockSize() { return blockSize; }
    public LongParam seed() { return seed; }
    public IntParam averagingFrequency() { return averagingFrequency; }
    public DoubleParam stepSizeDecay() { return stepSizeDecay; }
    public DoubleParam validationFraction() { return validationFraction; }
    public IntParam patience() { return patience; }
    public IntParam numWorkers() { return numWorkers; }
    public Param<String> workDir() { return workDir; }

    public int[] getLayers() { return getOrDefault(layers); }
    public int getMaxIter() { return (Integer) getOrDefault(maxIter); }
    public double getStepSize() { return (Double) getOrDefault(stepSize); }
    public int getBlockSize() { return (Integer) getOrDefault(blockSize); }
    public long getSeed() { return (Long) getOrDefault(seed); }
    public int getAveragingFrequency() { return (Integer) getOrDefault(averagingFrequency); }
    public double getStepSizeDecay() { return (Double) getOrDefault(stepSizeDecay); }
    public double getValidationFraction() { return (Double) getOrDefault(validationFraction); }
    public int getPatience() { return (Integer) getOrDefault(patience); }
    public int getNumWorkers() { return (Integer) getOrDefault(numWorkers); }
    public String getWorkDir() { return getOrDefault(workDir); }

    public MlpClassifier setLayers(int[] value) { return (MlpClassifier) set(layers, value); }
    public MlpClassifier setMaxIter(int value) { return (MlpClassifier) set(maxIter, value); }
    public MlpClassifier setStepSize(double value) { return (MlpClassifier) set(stepSize, value); }
    public MlpClassifier setBlockSize(int value) { return (MlpClassifier) set(blockSize, value); }
    public MlpClassifier setSeed(long value) { return (MlpClassifier) set(seed, value); }
    public MlpClassifier setAveragingFrequency(int value) { return (MlpClassifier) set(averagingFrequency, value); }
    public MlpClassifier setStepSizeDecay(double value) { return (MlpClassifier) set(stepSizeDecay, value); }
    public MlpClassifier setValidationFraction(double value) { return (MlpClassifier) set(validationFraction, value); }
    public MlpClassifier setPatience(int value) { return (MlpClassifier) set(patience, value); }
    public MlpClassifier setNumWorkers(int value) { return (MlpClassifier) set(numWorkers, value); }
    public MlpClassifier setWorkDir(String value) { return (MlpClassifier) set(workDir, value); }

    /**
     * Hands the model of every epoch to {@code each} while {@link #fit} trains (null: none): a learning curve from
     * one fit, where separate fits of maxIter = 1, 2, ... would cost the sum of their epochs.
     */
    public MlpClassifier setEpochModels(EpochModels each) {
        epochModels = each;
        return this;
    }

    @Override
    public MlpClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    @Override
    public MlpClassificationModel train(Dataset<?> dataset) {
        EpochModels each = epochModels;
        MlpTraining.Result result = MlpTraining.fit(dataset, MlpTraining.Settings.of(this), each == null ? null
                : (epoch, weights) -> each.trained(epoch, copyValues(new MlpClassificationModel(uid, weights, null),
                ParamMap.empty()).setParent(this)));
        return new MlpClassificationModel(uid, result.weights(), result.summary());
    }

    public static MLReader<MlpClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static MlpClassifier load(String path) {
        return read().load(path);
    }
}
