package dev.sparknet.ml;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.NoSuchElementException;

/**
 * The model {@link MlpClassifier} fits: MLlib's {@code MultilayerPerceptronClassificationModel} conventions
 * (rawPrediction = the output layer's scores, probability = their softmax, prediction = the most probable class
 * or the thresholds' choice). {@code transform} runs on the executors from a broadcast copy of the weights,
 * made once per model rather than shipped inside every task.
 */
public final class MlpClassificationModel extends ProbabilisticClassificationModel<Vector, MlpClassificationModel>
        implements MLWritable {
    /** No initializer: set by {@link #uid()} while the superclass constructor runs (see {@link JavaUid}). */
    private String uid;
    private final IntArrayParam layers;
    /** On the driver; null in a copy deserialized on an executor, which reads {@link #shared} instead. */
    private final transient MlpWeights weights;
    private Broadcast<MlpWeights> shared;
    private final MlpTrainingSummary summary;

    MlpClassificationModel(String uid, MlpWeights weights, MlpTrainingSummary summary) {
        this(JavaUid.pending(uid), weights, summary);
    }

    private MlpClassificationModel(JavaUid.Pending uidHandedOver, MlpWeights weights, MlpTrainingSummary summary) {
        uid();
        this.weights = weights;
        this.summary = summary;
        layers = new IntArrayParam(this, "layers", "sizes of layers from input layer to output layer");
        set(layers, weights.layers());
    }

    @Override
    public String uid() {
        if (uid == null) {
            uid = JavaUid.take();
        }
        return uid;
    }

    public IntArrayParam layers() {
        return layers;
    }

    public int[] getLayers() {
        return getOrDefault(layers);
    }

    /** The trained parameters, as plain arrays (e.g. to use the model outside Spark). */
    public MlpWeights weights() {
        return weights != null ? weights : shared.value();
    }

    public boolean hasSummary() {
        return summary != null;
    }

    /** How training went; a loaded model has none (as in MLlib). */
    public MlpTrainingSummary summary() {
        if (summary == null) {
            throw new NoSuchElementException("no training summary: this model was loaded, not fitted");
        }
        return summary;
    }

    @Override
    public int numClasses() {
        return weights().numClasses();
    }

    @Override
    public int numFeatures() {
        return weights().numFeatures();
    }

    @Override
    public Vector predictRaw(Vector features) {
        return Vectors.dense(weights().rawScores(features.toArray()));
    }

    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        if (rawPrediction instanceof DenseVector dense) {
            MlpWeights.softmaxInPlace(dense.values());
            return dense;
        }
        throw new IllegalArgumentException("rawPrediction should be a DenseVector, not " + rawPrediction.getClass());
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        if (shared == null) {
            // the UDFs of super.transform capture this model; the weights then travel once, as a broadcast
            shared = SparkSession.active().sparkContext().broadcast(weights,
                    scala.reflect.ClassTag$.MODULE$.apply(MlpWeights.class));
        }
        return super.transform(dataset);
    }

    /** Spark's own, restated: Java sees two inherited signatures of it (a Scala covariant override) and asks. */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    @Override
    public MlpClassificationModel copy(ParamMap extra) {
        MlpClassificationModel copy = new MlpClassificationModel(uid, weights(), summary);
        return copyValues(copy, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new MlpModelPersistence.Writer(this);
    }

    public static MLReader<MlpClassificationModel> read() {
        return new MlpModelPersistence.Reader();
    }

    public static MlpClassificationModel load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "MlpClassificationModel: uid=" + uid + ", layers=" + java.util.Arrays.toString(getLayers());
    }
}
