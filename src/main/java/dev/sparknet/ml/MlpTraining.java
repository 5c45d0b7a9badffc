package dev.sparknet.ml;

import dev.sparknet.BadInputException;
import dev.sparknet.data.ExampleSelection;
import dev.sparknet.data.FeatureRow;
import dev.sparknet.data.FrameBatchExport;
import dev.sparknet.data.Holdout;
import dev.sparknet.data.ScratchDirectory;
import dev.sparknet.data.ValidationSplit;
import dev.sparknet.jobs.DistributedRun;
import dev.sparknet.jobs.PreparedData;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.training.ConsoleProgress;
import dev.sparknet.training.LearningRateSchedule;
import dev.sparknet.training.TrainingConfig;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * {@link MlpClassifier#fit}'s story, the same engine as the `mnist` job's: the rows cut into minibatch files
 * once on the executors (training rows shuffled by the seed, validation rows held out), then epochs of
 * parameter averaging ({@link DistributedRun}) with the job's progress and divergence check.
 */
final class MlpTraining {
    private static final Logger log = LoggerFactory.getLogger(MlpTraining.class);
    /** The validation rows are chosen by this seed, not {@code seed}: changing the init seed keeps the split. */
    static final long VALIDATION_SEED = 1;

    /** The estimator's params, read once, checked together. */
    record Settings(int[] layers, int epochs, double stepSize, int blockSize, long seed, int averagingFrequency,
                    double stepSizeDecay, double validationFraction, int patience, int numWorkers, String workDir,
                    String featuresCol, String labelCol) {
        static Settings of(MlpClassifier c) {
            if (!c.isDefined(c.layers())) {
                throw new IllegalArgumentException("MlpClassifier: set `layers` (input size, hidden widths..., number "
                        + "of classes), e.g. setLayers(new int[]{784, 256, 10})");
            }
            int[] layers = c.getLayers();
            if (layers.length < 2 || Arrays.stream(layers).anyMatch(n -> n < 1) || layers[layers.length - 1] < 2) {
                throw new IllegalArgumentException("MlpClassifier: layers " + Arrays.toString(layers) + ": expected "
                        + "an input size, hidden widths and at least 2 classes, all positive");
            }
            return new Settings(layers, c.getMaxIter(), c.getStepSize(), c.getBlockSize(), c.getSeed(),
                    c.getAveragingFrequency(), c.getStepSizeDecay(), c.getValidationFraction(), c.getPatience(),
                    c.getNumWorkers(), c.getWorkDir(), c.getFeaturesCol(), c.getLabelCol());
        }

        MlpSpec spec() {
            List<Integer> hidden = IntStream.of(layers).skip(1).limit(layers.length - 2).boxed().toList();
            return new MlpSpec(layers[0], hidden, layers[layers.length - 1], MlpSpec.Head.SOFTMAX_CROSS_ENTROPY,
                    stepSize, seed);
        }

        TrainingConfig training(int workers) {
            Holdout holdout = validationFraction > 0 ? new Holdout(0, 100 * validationFraction, VALIDATION_SEED)
                    : Holdout.NONE;
            return new TrainingConfig(epochs, blockSize, averagingFrequency, workers, 0, seed,
                    new LearningRateSchedule(stepSize, stepSizeDecay), holdout, validationFraction > 0 ? patience : 0);
        }
    }

    record Result(MlpWeights weights, MlpTrainingSummary summary) {
    }

    private MlpTraining() {
    }

    /** @param eachEpoch given every epoch's weights as soon as it is trained; null for none */
    static Result fit(Dataset<?> dataset, Settings settings, BiConsumer<Integer, MlpWeights> eachEpoch) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        int workers = settings.numWorkers() > 0 ? settings.numWorkers() : sc.defaultParallelism();
        MlpSpec spec = settings.spec();
        TrainingConfig training = settings.training(workers);
        String source = "columns " + settings.featuresCol() + "/" + settings.labelCol() + " of the training DataFrame";
        JavaRDD<FeatureRow> rows = FrameRows.of(dataset, settings.featuresCol(), settings.labelCol(), spec.inputs(),
                spec.outputs(), source).persist(StorageLevel.MEMORY_AND_DISK());
        try (ScratchDirectory scratch = ScratchDirectory.create(workDir(settings, sc), "", sc.hadoopConfiguration())) {
            long count = rethrowingBadRows(rows::count);
            if (count < 1 || count > Integer.MAX_VALUE) {
                throw new BadInputException(source + ": " + count + " rows; expected 1 to " + Integer.MAX_VALUE);
            }
            ExampleSelection train = PreparedData.trainingSelection((int) count, 0, training);
            ValidationSplit split = train.split();
            List<String> trainFiles = rethrowingBadRows(() -> FrameBatchExport.export(sc, rows, train,
                    training.batchSize(), spec.outputs(), scratch.resolve("train"), "train", workers));
            List<String> validationFiles = split.size() == 0 ? List.of() : rethrowingBadRows(() -> FrameBatchExport
                    .export(sc, rows, ExampleSelection.validation(split), PreparedData.EVAL_BATCH, spec.outputs(),
                            scratch.resolve("validation"), "validation", workers));
            rows.unpersist(false);
            log.info("MlpClassifier: {} rows, {} for training in {} minibatches, {} held out for validation",
                    count, train.size(), trainFiles.size(), split.size());
            PreparedData batches = new PreparedData(trainFiles, validationFiles, List.of(), train, 0);
            DistributedRun.EpochEnd epochEnd = eachEpoch == null ? DistributedRun.EpochEnd.NONE
                    : (epoch, network, history, kept) -> eachEpoch.accept(epoch, MlpWeights.of(network));
            DistributedRun.Outcome outcome = DistributedRun.trainAndScore(sc, spec, training, workers, batches,
                    ConsoleProgress.forDriver(sc.master(), training.epochs()), DistributedRun.Start.FRESH, epochEnd);
            return new Result(MlpWeights.of(outcome.network().getNetwork()),
                    MlpTrainingSummary.of(outcome, train.size(), split.size()));
        } finally {
            rows.unpersist(false);
        }
    }

    /** --work-dir's counterpart: the param, or the default file system's working directory (local or HDFS). */
    private static String workDir(Settings settings, JavaSparkContext sc) {
        if (!settings.workDir().isBlank()) {
            return settings.workDir();
        }
        try {
            return FileSystem.get(sc.hadoopConfiguration()).getWorkingDirectory().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the default file system for MlpClassifier's minibatches", e);
        }
    }

    /** A bad row found on an executor reaches the caller as the one line that names it, not as a stage failure. */
    static <T> T rethrowingBadRows(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (Exception e) { // SparkException is checked, and Scala throws it past Supplier's signature
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BadInputException bad) {
                    throw new BadInputException(bad.getMessage());
                }
            }
            throw MlpTraining.<RuntimeException>rethrow(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Exception e) throws E {
        throw (E) e;
    }
}
