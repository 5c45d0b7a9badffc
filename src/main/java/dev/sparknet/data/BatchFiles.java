package dev.sparknet.data;

import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.DataSet;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads minibatch files written by {@link BatchExport} back as DataSets (as an RDD: loaded on the executors). */
public final class BatchFiles {
    private BatchFiles() {
    }

    public static JavaRDD<DataSet> load(JavaSparkContext sc, List<String> files, int partitions) {
        SerializableHadoopConf conf = new SerializableHadoopConf(sc.hadoopConfiguration());
        return sc.parallelize(files, Math.max(1, Math.min(partitions, files.size())))
                .map(file -> read(file, conf));
    }

    public static DataSet read(String file, SerializableHadoopConf conf) {
        Path path = new Path(file);
        try (InputStream in = new BufferedInputStream(path.getFileSystem(conf.get()).open(path), 1 << 17)) {
            return ByteBatchLoader.readDataSet(in, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read minibatch " + file, e);
        }
    }
}
