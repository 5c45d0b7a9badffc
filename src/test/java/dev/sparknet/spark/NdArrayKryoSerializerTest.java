package dev.sparknet.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import scala.reflect.ClassTag$;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Round trips through Spark's own Kryo serializer configured as the jobs configure it. */
class NdArrayKryoSerializerTest {
    private static final SerializerInstance KRYO = new KryoSerializer(new SparkConf()
            .set("spark.kryo.registrator", SparknetKryoRegistrator.class.getName())).newInstance();

    private static INDArray roundTrip(INDArray array) {
        ByteBuffer bytes = KRYO.serialize(array, ClassTag$.MODULE$.apply(INDArray.class));
        return KRYO.deserialize(bytes, ClassTag$.MODULE$.apply(INDArray.class));
    }

    @Test
    void arraysOfEveryShapeOrderAndTypeComeBackEqual() {
        List<INDArray> arrays = List.of(
                Nd4j.rand(DataType.FLOAT, 3, 5),
                Nd4j.rand(DataType.FLOAT, 'f', 4, 6),
                Nd4j.rand(DataType.DOUBLE, 2, 3, 4),
                Nd4j.arange(0, 10).castTo(DataType.INT),
                Nd4j.scalar(2.5f),
                Nd4j.rand(DataType.FLOAT, 1, 200_000)); // larger than one copy block
        for (INDArray array : arrays) {
            INDArray back = roundTrip(array);
            assertEquals(array.dataType(), back.dataType());
            assertEquals(array.ordering(), back.ordering());
            assertEquals(array, back);
        }
    }

    @Test
    void viewsAndTransposesCarryOnlyTheirOwnElements() {
        INDArray whole = Nd4j.arange(0, 40).castTo(DataType.FLOAT).reshape(4, 10);
        INDArray columns = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 7));
        INDArray row = whole.getRow(2);
        INDArray transposed = whole.transpose();

        assertEquals(columns, roundTrip(columns));
        assertEquals(row, roundTrip(row));
        assertEquals(transposed, roundTrip(transposed));
        assertEquals(Nd4j.create(new float[]{23, 24, 25, 26}), roundTrip(columns).getRow(2));
    }

    @Test
    void emptyArraysStayEmpty() {
        INDArray back = roundTrip(Nd4j.empty(DataType.FLOAT));
        assertTrue(back.isEmpty());
        assertEquals(DataType.FLOAT, back.dataType());
    }

    @Test
    void readArraysBelongToNoWorkspace() {
        INDArray back = roundTrip(Nd4j.rand(DataType.FLOAT, 2, 2));
        assertFalse(back.isAttached());
    }

    @Test
    void muchSmallerThanNd4jsOwnEncodingNeverLarger() {
        INDArray params = Nd4j.rand(DataType.FLOAT, 1, 100_000);
        SerializerInstance nd4j = new KryoSerializer(new SparkConf()
                .set("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator")).newInstance();
        int ours = KRYO.serialize(params, ClassTag$.MODULE$.apply(INDArray.class)).remaining();
        int theirs = nd4j.serialize(params, ClassTag$.MODULE$.apply(INDArray.class)).remaining();
        assertTrue(ours <= theirs, ours + " vs " + theirs);
        assertEquals(400_000, ours, 100); // the floats plus a short header
    }
}
