package dev.sparknet.ml;

import dev.sparknet.data.FeatureRow;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A DataFrame's feature and label columns as numbered {@link FeatureRow}s, each checked where it is read. */
final class FrameRows {
    private FrameRows() {
    }

    static JavaRDD<FeatureRow> of(Dataset<?> dataset, String featuresCol, String labelCol, int numFeatures,
                                  int numClasses, String source) {
        return dataset.select(featuresCol, labelCol).toJavaRDD().zipWithIndex().map(t -> {
            Row row = t._1();
            Vector features = row.isNullAt(0) ? null : (Vector) row.get(0);
            Double label = row.isNullAt(1) ? null : ((Number) row.get(1)).doubleValue();
            return FeatureRow.of(t._2(), label, features == null ? null : features.toArray(), numFeatures,
                    numClasses, source);
        });
    }
}
