package dev.sparknet.mlbench;

import dev.sparknet.ml.MlpClassificationModel;
import dev.sparknet.ml.MlpClassifier;
import dev.sparknet.ml.MlpTrainingSummary;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * MlpClassifier's curve from one Pipeline fit of {@code maxIter} epochs: each epoch's model is handed over as it is
 * trained ({@link MlpClassifier#setEpochModels}) and stamped with the time since the fit began; all of them are
 * scored after the fit returns, so scoring never enters the time.
 */
final class MlpCurve {
    static final String TIMING = "wall-clock seconds from Pipeline.fit's start to the end of each epoch (the rows "
            + "turned into minibatch files first, then parameter averaging); every epoch's model scored after the fit";

    private MlpCurve() {
    }

    static AccuracyCurve run(MlpClassifier mlp, Dataset<Row> train, Dataset<Row> test) {
        List<MlpClassificationModel> models = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        long start = System.nanoTime();
        mlp.setEpochModels((epoch, model) -> {
            seconds.add((System.nanoTime() - start) / 1e9);
            models.add(model);
        });
        PipelineModel fitted;
        try {
            fitted = new Pipeline().setStages(new PipelineStage[]{mlp}).fit(train);
        } finally {
            mlp.setEpochModels(null);
        }
        List<MlpTrainingSummary.Epoch> epochs = ((MlpClassificationModel) fitted.stages()[0]).summary().epochs();
        MulticlassClassificationEvaluator accuracy = accuracy();
        List<AccuracyCurve.Point> points = new ArrayList<>();
        double engine = 0;
        for (int i = 0; i < models.size(); i++) {
            engine += epochs.get(i).seconds();
            points.add(new AccuracyCurve.Point(i + 1, seconds.get(i), accuracy.evaluate(models.get(i).transform(test)),
                    engine));
        }
        return new AccuracyCurve("MlpClassifier", "epochs", TIMING, points, "all " + mlp.getMaxIter() + " epochs trained");
    }

    static MulticlassClassificationEvaluator accuracy() {
        return new MulticlassClassificationEvaluator().setMetricName("accuracy");
    }
}
