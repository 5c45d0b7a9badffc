package dev.sparknet.ml;

import dev.sparknet.BadInputException;
import dev.sparknet.SparkTestContext;
import dev.sparknet.spark.SparkContexts;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.ElementwiseProduct;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The estimator the way a Spark user runs it, on real MNIST DataFrames: a Pipeline (pixel scaling, then
 * MlpClassifier 784-256-10, 3 epochs) fitted on all 60,000 training rows and scored on the 10,000 test rows with
 * MLlib's own evaluator; the fitted PipelineModel saved, loaded and predicting identically; a 2-fold
 * CrossValidator over stepSize; a TrainValidationSplit over layers, saved and loaded with its estimator.
 */
@ExtendWith(SparkTestContext.class)
@Tag("slow") // ~40 s: a 60,000-row fit, a CrossValidator, a TrainValidationSplit
class MlpClassifierSparkTest {
    private static SparkSession spark;

    @BeforeAll
    static void session(JavaSparkContext sc) {
        spark = SparkContexts.session(sc);
    }

    private static ElementwiseProduct scaling() {
        double[] scale = new double[784];
        Arrays.fill(scale, 1 / 255.0);
        return new ElementwiseProduct().setScalingVec(Vectors.dense(scale)).setInputCol("features").setOutputCol("scaled");
    }

    private static MulticlassClassificationEvaluator accuracy() {
        return new MulticlassClassificationEvaluator().setMetricName("accuracy");
    }

    @Test
    void pipelineOnRealMnistReaches97PercentAndReloadsToIdenticalPredictions(@TempDir Path tmp) throws Exception {
        Dataset<Row> train = MnistFrames.train(spark, 60_000);
        Dataset<Row> test = MnistFrames.test(spark, 10_000).cache(); // the same rows, in the same order, for both models
        MlpClassifier mlp = new MlpClassifier().setLayers(new int[]{784, 256, 10}).setMaxIter(3)
                .setFeaturesCol("scaled").setWorkDir(tmp.toString());
        PipelineModel model = new Pipeline().setStages(new PipelineStage[]{scaling(), mlp}).fit(train);

        Dataset<Row> predicted = model.transform(test).cache();
        double accuracy = accuracy().evaluate(predicted);
        MlpClassificationModel fitted = (MlpClassificationModel) model.stages()[1];
        System.out.printf("MlpClassifierSparkTest: 784-256-10, 3 epochs on 60,000 rows: test accuracy %.4f; epochs %s%n",
                accuracy, fitted.summary().epochs());
        assertTrue(accuracy >= 0.97, "test accuracy " + accuracy);
        assertEquals(3, fitted.summary().epochs().size());
        assertEquals(60_000, fitted.summary().trainRows());
        assertArrayEquals(new int[]{784, 256, 10}, fitted.getLayers());
        assertEquals("scaled", fitted.getFeaturesCol(), "the estimator's params are copied to its model");

        String saved = tmp.resolve("pipeline").toString();
        model.write().overwrite().save(saved);
        PipelineModel loaded = PipelineModel.load(saved);
        MlpClassificationModel reloaded = (MlpClassificationModel) loaded.stages()[1];
        assertEquals(fitted.uid(), reloaded.uid());
        assertEquals("scaled", reloaded.getFeaturesCol());
        List<Row> before = predicted.select("prediction", "probability", "rawPrediction").collectAsList();
        List<Row> after = loaded.transform(test).select("prediction", "probability", "rawPrediction").collectAsList();
        assertEquals(10_000, before.size());
        assertEquals(10_000, after.size());
        long differing = java.util.stream.IntStream.range(0, before.size())
                .filter(i -> !before.get(i).equals(after.get(i))).count();
        assertEquals(0, differing, "rows predicted differently by the reloaded model; first: " + java.util.stream.IntStream
                .range(0, before.size()).filter(i -> !before.get(i).equals(after.get(i))).mapToObj(i -> before.get(i)
                        + " vs " + after.get(i)).findFirst().orElse(""));
        predicted.unpersist();
    }

    @Test
    void crossValidatorChoosesAStepSizeOverTwoFolds(@TempDir Path tmp) {
        Dataset<Row> train = MnistFrames.train(spark, 6_000);
        MlpClassifier mlp = new MlpClassifier().setLayers(new int[]{784, 64, 10}).setMaxIter(2).setBlockSize(100)
                .setFeaturesCol("scaled").setWorkDir(tmp.toString());
        ParamMap[] grid = new ParamGridBuilder().addGrid(mlp.stepSize(), new double[]{0.0005, 0.008}).build();
        CrossValidator cv = new CrossValidator().setEstimator(new Pipeline().setStages(new PipelineStage[]{scaling(), mlp}))
                .setEstimatorParamMaps(grid).setEvaluator(accuracy()).setNumFolds(2).setSeed(7);
        CrossValidatorModel model = cv.fit(train);
        double[] metrics = model.avgMetrics();
        System.out.printf("MlpClassifierSparkTest: 2-fold CrossValidator, stepSize 0.0005 -> %.4f, 0.008 -> %.4f%n",
                metrics[0], metrics[1]);
        assertEquals(2, metrics.length);
        assertTrue(metrics[0] > 0.5 && metrics[1] > 0.8, Arrays.toString(metrics));
        MlpClassificationModel best = (MlpClassificationModel) ((PipelineModel) model.bestModel()).stages()[1];
        double chosen = metrics[0] >= metrics[1] ? 0.0005 : 0.008;
        assertEquals(chosen, ((MlpClassifier) best.parent()).getStepSize(), "the best model is the better step size's");
    }

    @Test
    void everyEpochsModelIsHandedOverAndTheLastIsTheFittedOne(@TempDir Path tmp) {
        Dataset<Row> train = MnistFrames.train(spark, 2_000);
        List<Integer> epochs = new java.util.ArrayList<>();
        List<MlpClassificationModel> models = new java.util.ArrayList<>();
        MlpClassifier mlp = new MlpClassifier().setLayers(new int[]{784, 16, 10}).setMaxIter(2).setBlockSize(100)
                .setWorkDir(tmp.toString()).setEpochModels((epoch, model) -> {
                    epochs.add(epoch);
                    models.add(model);
                });
        MlpClassificationModel fitted = mlp.fit(train);

        assertEquals(List.of(1, 2), epochs);
        assertEquals(mlp.uid(), models.get(0).parent().uid());
        assertEquals(mlp.getFeaturesCol(), models.get(1).getFeaturesCol(), "the estimator's params are copied");
        assertArrayEquals(fitted.weights().flatten(), models.get(1).weights().flatten(), "the last epoch is the model");
        assertTrue(!java.util.Arrays.equals(models.get(0).weights().flatten(), models.get(1).weights().flatten()));
        mlp.copy(new ParamMap()).fit(train);
        assertEquals(2, epochs.size(), "a copy (as CrossValidator makes) has no callback");
    }

    @Test
    void aLabelOutsideTheLayersIsOneLineNamingTheRow(@TempDir Path tmp) {
        Dataset<Row> rows = spark.createDataFrame(List.of(
                org.apache.spark.sql.RowFactory.create(1.0, Vectors.dense(0, 1, 0)),
                org.apache.spark.sql.RowFactory.create(3.0, Vectors.dense(1, 0, 0))), MnistFrames.SCHEMA);
        MlpClassifier mlp = new MlpClassifier().setLayers(new int[]{3, 4, 3}).setMaxIter(1).setWorkDir(tmp.toString());
        BadInputException e = assertThrows(BadInputException.class, () -> mlp.fit(rows));
        assertEquals("columns features/label of the training DataFrame: row 1 has label 3.0; expected a class number "
                + "0..2 (the last of `layers` is the number of classes, 3)", e.getMessage());
        MlpClassifier wide = new MlpClassifier().setLayers(new int[]{4, 4}).setMaxIter(1).setWorkDir(tmp.toString());
        BadInputException size = assertThrows(BadInputException.class, () -> wide.fit(rows));
        assertTrue(size.getMessage().contains("has 3 features; expected 4 (the first of `layers`)"), size.getMessage());
    }

    @Test
    void validationRowsChooseTheEpochKeptAndATamperedSavedModelIsRefused(@TempDir Path tmp) throws Exception {
        Dataset<Row> train = MnistFrames.train(spark, 1_000);
        MlpClassifier mlp = new MlpClassifier().setLayers(new int[]{784, 16, 10}).setMaxIter(4).setBlockSize(50)
                .setValidationFraction(0.2).setPatience(1).setFeaturesCol("scaled").setWorkDir(tmp.toString());
        MlpClassificationModel model = (MlpClassificationModel) new Pipeline()
                .setStages(new PipelineStage[]{scaling(), mlp}).fit(train).stages()[1];
        MlpTrainingSummary summary = model.summary();
        assertEquals(200, summary.validationRows());
        assertEquals(800, summary.trainRows());
        double best = summary.epochs().stream().mapToDouble(e -> e.validationAccuracy()).max().orElseThrow();
        assertEquals(best, summary.epochs().get(summary.keptEpoch() - 1).validationAccuracy(),
                "the epoch kept is the best on validation: " + summary);

        String saved = tmp.resolve("model").toString();
        model.write().overwrite().save(saved);
        assertEquals(java.util.Arrays.toString(model.weights().flatten()),
                java.util.Arrays.toString(MlpClassificationModel.load(saved).weights().flatten()));
        // the same layers, five parameters: a saved model is untrusted input like any file
        spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(new int[]{784, 16, 10},
                        new float[]{1, 2, 3, 4, 5})), new org.apache.spark.sql.types.StructType()
                        .add("layers", org.apache.spark.sql.types.DataTypes.createArrayType(
                                org.apache.spark.sql.types.DataTypes.IntegerType))
                        .add("params", org.apache.spark.sql.types.DataTypes.createArrayType(
                                org.apache.spark.sql.types.DataTypes.FloatType)))
                .write().mode("overwrite").parquet(saved + "/data");
        BadInputException e = assertThrows(BadInputException.class, () -> MlpClassificationModel.load(saved));
        assertEquals(saved + "/data: layers [784, 16, 10] need 12730 parameters; the model holds 5", e.getMessage());
    }

    @Test
    void trainValidationSplitOverLayersSavesAndLoadsWithItsEstimator(@TempDir Path tmp) throws Exception {
        Dataset<Row> train = MnistFrames.train(spark, 2_000);
        MlpClassifier mlp = new MlpClassifier().setLayers(new int[]{784, 8, 10}).setMaxIter(1).setBlockSize(50)
                .setFeaturesCol("scaled").setWorkDir(tmp.toString());
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(mlp.layers(), scala.collection.JavaConverters.iterableAsScalaIterable(List.of(
                        new int[]{784, 32, 10}, new int[]{784, 16, 16, 10})))
                .build();
        org.apache.spark.ml.tuning.TrainValidationSplitModel model = new org.apache.spark.ml.tuning.TrainValidationSplit()
                .setEstimator(new Pipeline().setStages(new PipelineStage[]{scaling(), mlp}))
                .setEstimatorParamMaps(grid).setEvaluator(accuracy()).setTrainRatio(0.75).setSeed(3).fit(train);
        double[] metrics = model.validationMetrics();
        assertEquals(2, metrics.length);
        MlpClassificationModel best = (MlpClassificationModel) ((PipelineModel) model.bestModel()).stages()[1];
        int[] expected = metrics[0] >= metrics[1] ? new int[]{784, 32, 10} : new int[]{784, 16, 16, 10};
        assertArrayEquals(expected, best.getLayers(), "validation accuracies " + Arrays.toString(metrics));

        String saved = tmp.resolve("tvs").toString();
        model.write().overwrite().save(saved);
        org.apache.spark.ml.tuning.TrainValidationSplitModel loaded =
                org.apache.spark.ml.tuning.TrainValidationSplitModel.load(saved);
        assertArrayEquals(metrics, loaded.validationMetrics());
        Dataset<Row> sample = MnistFrames.test(spark, 500).cache();
        assertEquals(model.transform(sample).select("prediction").collectAsList(),
                loaded.transform(sample).select("prediction").collectAsList());
        MlpClassifier estimator = (MlpClassifier) ((Pipeline) loaded.getEstimator()).getStages()[1];
        assertEquals(50, estimator.getBlockSize(), "the estimator's params survive saving");
        assertEquals(mlp.uid(), estimator.uid());
    }
}
