package dev.sparknet.ml;

import dev.sparknet.BadInputException;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

import java.util.List;

/**
 * How a model is saved, as MLlib saves its own: {@code metadata/} (class, uid, params as JSON, written by Spark's
 * own DefaultParamsWriter, so {@code PipelineModel.load} finds the class) and {@code data/}, one Parquet row of
 * the layer sizes and every parameter. A saved model is untrusted input when loaded: sizes that do not add up are
 * refused with one line naming the path.
 */
final class MlpModelPersistence {
    private static final StructType DATA = new StructType()
            .add("layers", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add("params", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    private MlpModelPersistence() {
    }

    static final class Writer extends MLWriter {
        private final MlpClassificationModel model;

        Writer(MlpClassificationModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sc(), Option.empty(), Option.empty());
            MlpWeights weights = model.weights();
            Row row = RowFactory.create(weights.layers(), weights.flatten());
            sparkSession().createDataFrame(List.of(row), DATA).repartition(1).write().parquet(path + "/data");
        }
    }

    static final class Reader extends MLReader<MlpClassificationModel> {
        @Override
        public MlpClassificationModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sc(),
                    MlpClassificationModel.class.getName());
            Dataset<Row> data = sparkSession().read().parquet(path + "/data");
            if (!data.schema().simpleString().equals(DATA.simpleString())) { // Parquet reads every column as nullable
                throw new BadInputException(path + "/data: not an MlpClassificationModel's data (columns "
                        + data.schema().simpleString() + ", expected " + DATA.simpleString() + ")");
            }
            List<Row> rows = data.limit(2).collectAsList();
            if (rows.size() != 1) {
                throw new BadInputException(path + "/data: " + rows.size() + " rows; a saved model has exactly one");
            }
            Row row = rows.get(0);
            if (row.isNullAt(0) || row.isNullAt(1) || row.getList(0).contains(null) || row.getList(1).contains(null)) {
                throw new BadInputException(path + "/data: null layer sizes or parameters");
            }
            MlpWeights weights;
            try {
                weights = MlpWeights.unflatten(ints(row.getList(0)), floats(row.getList(1)));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(path + "/data: " + e.getMessage());
            }
            MlpClassificationModel model = new MlpClassificationModel(metadata.uid(), weights, null);
            metadata.getAndSetParams(model, Option.empty());
            return model;
        }
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
