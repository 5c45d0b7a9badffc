package dev.sparknet.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparknet.JobsCloseTheirContext;
import dev.sparknet.MiniHdfs;
import dev.sparknet.RealMnist;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.cli.JobSettings;
import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.data.ByteBatch;
import dev.sparknet.data.MnistArrays;
import dev.sparknet.training.TrainingListener;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Storage that fails under a running job: HDFS of three DataNodes, every block on all three (replication 3),
 * holds the training data, the job's minibatch files and its published results. At the end of epoch 1 one
 * DataNode is stopped; its ports close at once, while the NameNode goes on offering it (to readers as a replica,
 * to writers as a target) until its heartbeats are overdue, minutes later. Epochs 2 and 3 read every minibatch
 * from HDFS again and the results are written after the loss: the job must finish, publish a model that loads
 * (ModelStore.load) and scores what the job reported, and leave nothing half-written beside the output.
 */
@ExtendWith(JobsCloseTheirContext.class)
@Tag("slow") // over 20 s; `mvn -B test -DexcludedGroups=slow` leaves it out
class HdfsDataNodeLossSparkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static java.nio.file.Path tmp;

    @RegisterExtension
    static final MiniHdfs hdfs = MiniHdfs.perTestClass(3);

    @Test
    void jobOutlivesADataNodeStoppedAfterEpoch1AndPublishesAModelThatLoads() throws IOException {
        boolean real = RealMnist.present();
        java.nio.file.Path local = RealMnist.orLookAlike(tmp.resolve("quadrants"), 400, 100);
        // A slice of MNIST (6,000 training and 1,000 test images) as raw IDX files on HDFS: the job validates and
        // reads all of what it is given, and the whole of MNIST would only add time.
        String data = hdfs.root() + "/datasets/mnist";
        Configuration localConf = new Configuration();
        for (String split : List.of("train", "t10k")) {
            MnistArrays arrays = MnistArrays.read(local.resolve(split + "-images-idx3-ubyte.gz").toString(),
                    local.resolve(split + "-labels-idx1-ubyte.gz").toString(), split.equals("train") ? 6000 : 1000, localConf);
            writeIdx(data + "/" + split + "-images-idx3-ubyte", 0x803, arrays.count(), arrays.pixels(), 28, 28);
            writeIdx(data + "/" + split + "-labels-idx1-ubyte", 0x801, arrays.count(), arrays.labels());
        }
        List<String> dataNodes = hdfs.dataNodeAddresses();
        assertEquals(3, dataNodes.size());
        assertEquals(Set.copyOf(dataNodes), replicas(data + "/train-images-idx3-ubyte"), "every block on every DataNode");

        String runs = hdfs.root() + "/runs";
        String out = runs + "/mnist";
        String[] stopped = new String[1];
        List<Integer> roundsAfterStop = new ArrayList<>();
        TrainingListener stopOneAfterEpoch1 = new TrainingListener() {
            @Override
            public void onRound(int epoch, int done, int total, long examples, double seconds, double loss) {
                if (stopped[0] != null) {
                    roundsAfterStop.add(epoch);
                } else if (epoch == 1 && done == total) {
                    stopped[0] = hdfs.stopDataNode(0);
                }
            }
        };
        List<String> flags = new ArrayList<>(List.of("data", data, "output", out, "master", "local[2]", "workers", "2",
                "epochs", "3"));
        flags.addAll(real ? List.of("hidden", "128", "averaging-frequency", "5")
                : List.of("hidden", "32", "batch", "32", "learning-rate", "0.01", "averaging-frequency", "2"));
        MetricsFile metrics;
        try (HdfsClientWarnings warnings = HdfsClientWarnings.capture()) {
            metrics = MnistJob.run(MnistJobConfig.from(JobSettings.of("mnist", flags.toArray(String[]::new))), stopOneAfterEpoch1);
            // The job's HDFS client did meet the stopped DataNode: the NameNode still offered it as a replica to
            // read (tried first for about a third of the blocks, at random) and as a pipeline target to write (every
            // block: 3 replicas on 3 DataNodes), and the client went round it.
            List<String> seen = warnings.messages();
            assertTrue(seen.stream().anyMatch(m -> m.startsWith("Failed to connect to /" + stopped[0])
                    && m.contains("add to deadNodes and continue")), "no read went round the stopped DataNode: " + seen);
            assertTrue(seen.stream().anyMatch(m -> m.startsWith("Excluding datanode") && m.contains(stopped[0])),
                    "no write went round the stopped DataNode: " + seen);
        }

        assertTrue(stopped[0] != null, "the DataNode was never stopped");
        assertTrue(roundsAfterStop.contains(2) && roundsAfterStop.contains(3), "epochs 2 and 3 trained after the stop: "
                + roundsAfterStop);
        double accuracy = metrics.testAccuracy();
        assertTrue(accuracy > (real ? 0.85 : 0.9), "test accuracy " + accuracy);

        // Nothing half-written: the published output alone beside it (no staging, no minibatch work directory).
        assertEquals(List.of("mnist"), names(runs), "only the published output may remain in " + runs);
        assertEquals(Set.of("model.zip", "metrics.json", "learning_curves.png", "confusion_matrix.png", "errors.png",
                "report.html"), Set.copyOf(names(out)));
        // Written after the loss: on the two DataNodes left, none on the stopped one.
        Set<String> modelReplicas = replicas(out + "/model.zip");
        assertFalse(modelReplicas.contains(stopped[0]), "model.zip on the stopped DataNode " + stopped[0]);
        assertEquals(2, modelReplicas.size(), "model.zip replicas: " + modelReplicas);

        // The published model loads and scores, on the test images read from HDFS, what the job reported.
        JsonNode json;
        try (InputStream in = hdfs.fileSystem().open(new Path(out + "/metrics.json"))) {
            json = JSON.readTree(in);
        }
        assertEquals(accuracy, json.get("test_accuracy").asDouble(), 0.0);
        Configuration conf = new Configuration();
        MultiLayerNetwork model = ModelStore.load(out + "/model.zip", conf);
        int testCount = json.get("test_examples").asInt();
        MnistArrays test = MnistArrays.read(data + "/t10k-images-idx3-ubyte", data + "/t10k-labels-idx1-ubyte", testCount, conf);
        ByteBatch all = ByteBatch.of(test, IntStream.range(0, test.count()).toArray(), 0, test.count(), 10);
        INDArray predicted = model.output(Nd4j.create(all.scaledFeatures(), new long[] {all.rows(), all.features()}))
                .argMax(1);
        long correct = IntStream.range(0, all.rows()).filter(i -> predicted.getInt(i) == all.label(i)).count();
        // one image either way: the job scored in batches of another size, and float sums may round differently
        assertEquals(accuracy, (double) correct / testCount, 1.0 / testCount, "the reloaded model scores differently");
        System.out.printf("HdfsDataNodeLossSparkTest: DataNode %s stopped after epoch 1; %d rounds after it; "
                + "test accuracy %.4f; model.zip on %s%n", stopped[0], roundsAfterStop.size(), accuracy, modelReplicas);
    }

    /** Warnings of Hadoop's HDFS client (DFSClient, DataStreamer) while open. */
    static final class HdfsClientWarnings extends org.apache.logging.log4j.core.appender.AbstractAppender
            implements AutoCloseable {
        private final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();

        private HdfsClientWarnings() {
            super("hdfs-client-warnings", null, null, true, org.apache.logging.log4j.core.config.Property.EMPTY_ARRAY);
        }

        static HdfsClientWarnings capture() {
            HdfsClientWarnings appender = new HdfsClientWarnings();
            appender.start();
            var context = (org.apache.logging.log4j.core.LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
            context.getConfiguration().getRootLogger().addAppender(appender, org.apache.logging.log4j.Level.WARN, null);
            context.updateLoggers();
            return appender;
        }

        @Override
        public void append(org.apache.logging.log4j.core.LogEvent event) {
            if (event.getLoggerName().startsWith("org.apache.hadoop.hdfs")) {
                messages.add(event.getMessage().getFormattedMessage());
            }
        }

        List<String> messages() {
            return List.copyOf(messages);
        }

        @Override
        public void close() {
            var context = (org.apache.logging.log4j.core.LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
            context.getConfiguration().getRootLogger().removeAppender(getName());
            context.updateLoggers();
            stop();
        }
    }

    /** An IDX file: magic number, count, the further dimensions, then the bytes. */
    static void writeIdx(String path, int magic, int count, byte[] body, int... dimensions) throws IOException {
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(hdfs.fileSystem().create(new Path(path)))) {
            out.writeInt(magic);
            out.writeInt(count);
            for (int d : dimensions) {
                out.writeInt(d);
            }
            out.write(body);
        }
    }

    /** The DataNodes (transfer addresses) holding some block of a file. */
    static Set<String> replicas(String file) throws IOException {
        FileStatus status = hdfs.fileSystem().getFileStatus(new Path(file));
        Set<String> hosts = new java.util.TreeSet<>();
        for (BlockLocation b : hdfs.fileSystem().getFileBlockLocations(status, 0, status.getLen())) {
            hosts.addAll(Arrays.asList(b.getNames()));
        }
        return hosts;
    }

    static List<String> names(String dir) throws IOException {
        return Arrays.stream(hdfs.fileSystem().listStatus(new Path(dir))).map(s -> s.getPath().getName()).sorted().toList();
    }
}
