package dev.sparknet.data;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * {@link BatchExport} for rows that are not in a file the executors can read at will (a DataFrame's): each
 * selected row is sent, in one shuffle, to the task that writes its minibatch, and arrives there sorted by
 * its place in the selection's order, so a task writes one {@link FloatBatch} at a time with one minibatch
 * in memory. The minibatches are those {@link BatchExport} would cut from the same order: the selection
 * (training order, validation holdout) is the same value for both front ends.
 */
public final class FrameBatchExport {
    private FrameBatchExport() {
    }

    /**
     * @param rows      every row of the table, {@link FeatureRow#index} 0..count-1
     * @param selection which rows, in what order, over a table of {@code selection.split().count()} rows
     * @return the batch files, in batch order
     */
    public static List<String> export(JavaSparkContext sc, JavaRDD<FeatureRow> rows, ExampleSelection selection,
                                      int batchSize, int numClasses, String directory, String name, int partitions) {
        int count = selection.split().count();
        int[] order = selection.order();
        int[] place = new int[count];
        Arrays.fill(place, -1);
        for (int k = 0; k < order.length; k++) {
            place[order[k]] = k;
        }
        Broadcast<int[]> places = sc.broadcast(place);
        int numBatches = ExampleOrder.numBatches(order.length, batchSize);
        int numPartitions = Math.max(1, Math.min(partitions, numBatches));
        SerializableHadoopConf conf = new SerializableHadoopConf(sc.hadoopConfiguration());
        try {
            List<Tuple2<Integer, String>> files = rows
                    .filter(r -> places.value()[(int) r.index()] >= 0)
                    .mapToPair(r -> new Tuple2<>(places.value()[(int) r.index()], r))
                    .repartitionAndSortWithinPartitions(new ByBatch(numPartitions, batchSize))
                    .mapPartitions((Iterator<Tuple2<Integer, FeatureRow>> it) -> write(it, batchSize, numClasses,
                            new Path(directory), name, conf))
                    .collect();
            List<Tuple2<Integer, String>> sorted = new ArrayList<>(files);
            sorted.sort(Comparator.comparing(Tuple2::_1));
            return sorted.stream().map(Tuple2::_2).toList();
        } finally {
            places.destroy();
        }
    }

    /** Rows arrive sorted by place; every {@code batchSize} consecutive places make one file. */
    private static Iterator<Tuple2<Integer, String>> write(Iterator<Tuple2<Integer, FeatureRow>> rows, int batchSize,
                                                           int numClasses, Path directory, String name,
                                                           SerializableHadoopConf conf) throws IOException {
        List<Tuple2<Integer, String>> written = new ArrayList<>();
        if (!rows.hasNext()) {
            return written.iterator();
        }
        FileSystem fs = directory.getFileSystem(conf.get());
        fs.setWriteChecksum(false);
        List<FeatureRow> batch = new ArrayList<>(batchSize);
        int current = -1;
        while (rows.hasNext()) {
            Tuple2<Integer, FeatureRow> row = rows.next();
            int id = row._1() / batchSize;
            if (id != current && !batch.isEmpty()) {
                written.add(flush(fs, directory, name, current, batch, numClasses));
            }
            current = id;
            batch.add(row._2());
        }
        written.add(flush(fs, directory, name, current, batch, numClasses));
        return written.iterator();
    }

    private static Tuple2<Integer, String> flush(FileSystem fs, Path directory, String name, int id,
                                                 List<FeatureRow> rows, int numClasses) {
        int features = rows.get(0).features().length;
        int[] labels = new int[rows.size()];
        float[] values = new float[rows.size() * features];
        for (int r = 0; r < rows.size(); r++) {
            labels[r] = rows.get(r).label();
            System.arraycopy(rows.get(r).features(), 0, values, r * features, features);
        }
        Path file = new Path(directory, String.format("%s-%06d.bin", name, id));
        try (FSDataOutputStream raw = fs.create(file, true);
             BufferedOutputStream out = new BufferedOutputStream(raw, 1 << 17)) {
            new FloatBatch(rows.size(), features, numClasses, labels, values).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write batch " + file, e);
        }
        rows.clear();
        return new Tuple2<>(id, file.toString());
    }

    /** Every minibatch to one partition, whole: place / batchSize, spread round-robin. */
    static final class ByBatch extends Partitioner {
        private final int partitions;
        private final int batchSize;

        ByBatch(int partitions, int batchSize) {
            this.partitions = partitions;
            this.batchSize = batchSize;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object place) {
            return ((Integer) place / batchSize) % partitions;
        }
    }
}
