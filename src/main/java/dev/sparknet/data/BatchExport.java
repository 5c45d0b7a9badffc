package dev.sparknet.data;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.DataSet;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Cuts a split into minibatches on the executors and writes each one, once, as a {@link ByteBatch}
 * file under a work directory; training and evaluation then stream those files every epoch.
 *
 * <p>Why files and not a cached RDD of DataSets: Spark cannot see ND4J's off-heap memory, so a
 * cached RDD&lt;DataSet&gt; is either mis-sized (deserialized) or re-serialized on every scan; and
 * DL4J's path-based training splits a small RDD of file names instead of the data itself.
 */
public final class BatchExport {
    private BatchExport() {
    }

    /**
     * @param selection which images of the split's file, in what order (recomputed on each executor)
     * @return the batch files, in batch order
     */
    public static List<String> export(JavaSparkContext sc, MnistSplit split, ExampleSelection selection, int batchSize,
                                      String directory, int partitions) {
        int read = selection.imagesToRead();
        if (read > split.count()) {
            throw new IllegalArgumentException(read + " images asked of " + split.name() + ", which has " + split.count());
        }
        int count = selection.size();
        int numBatches = ExampleOrder.numBatches(count, batchSize);
        SerializableHadoopConf conf = new SerializableHadoopConf(sc.hadoopConfiguration());
        List<Integer> batchIds = IntStream.range(0, numBatches).boxed().toList();
        int numPartitions = Math.max(1, Math.min(partitions, numBatches));
        return sc.parallelize(batchIds, numPartitions)
                .mapPartitions((Iterator<Integer> ids) -> {
                    if (!ids.hasNext()) {
                        return List.<String>of().iterator();
                    }
                    MnistArrays arrays = MnistArrays.read(split.imagesPath(), split.labelsPath(), read, conf.get());
                    int[] order = selection.order();
                    FileSystem fs = new Path(directory).getFileSystem(conf.get());
                    fs.setWriteChecksum(false);
                    List<String> written = new ArrayList<>();
                    while (ids.hasNext()) {
                        int batch = ids.next();
                        int from = batch * batchSize;
                        int to = Math.min(count, from + batchSize);
                        Path file = new Path(directory, String.format("%s-%06d.bin", split.name(), batch));
                        write(fs, file, ByteBatch.of(arrays, order, from, to, split.numClasses()));
                        written.add(file.toString());
                    }
                    return written.iterator();
                })
                .collect();
    }

    public static DataSet toDataSet(MnistArrays arrays, int[] order, int from, int to, int numClasses) {
        return ByteBatchLoader.toDataSet(ByteBatch.of(arrays, order, from, to, numClasses));
    }

    private static void write(FileSystem fs, Path file, ByteBatch batch) {
        try (FSDataOutputStream raw = fs.create(file, true);
             BufferedOutputStream out = new BufferedOutputStream(raw, 1 << 17)) {
            batch.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write batch " + file, e);
        }
    }
}
