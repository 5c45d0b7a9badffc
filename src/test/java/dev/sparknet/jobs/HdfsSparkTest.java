package dev.sparknet.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparknet.JobsCloseTheirContext;
import dev.sparknet.MiniHdfs;
import dev.sparknet.RealMnist;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.cli.JobSettings;
import dev.sparknet.config.EvaluateJobConfig;
import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.training.TrainingListener;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jobs on real HDFS: a MiniDFSCluster (NameNode and DataNode of hadoop-client-minicluster, at the
 * Hadoop version Spark brings, on 127.0.0.1) holds the MNIST files; `mnist` trains from hdfs://, stages,
 * works and publishes on hdfs://; `evaluate` reloads the model from hdfs:// and scores it the same.
 * Runs in the surefire JVM with Spark local[2]: the minicluster jar shades its own server-side
 * dependencies and sits beside Spark's hadoop-client-api/runtime 3.3.4 without conflict.
 * Uses the real MNIST files when present, otherwise a synthetic look-alike, so HDFS is always tested.
 */
@ExtendWith(JobsCloseTheirContext.class)
@Tag("slow") // over 20 s; `mvn -B test -DexcludedGroups=slow` leaves it out
class HdfsSparkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static java.nio.file.Path tmp;

    @RegisterExtension
    static final MiniHdfs hdfs = MiniHdfs.perTestClass(1);

    @Test
    void trainsFromHdfsPublishesToHdfsAndTheReloadedModelScoresTheSame() throws IOException {
        boolean real = RealMnist.present();
        java.nio.file.Path local = RealMnist.orLookAlike(tmp.resolve("quadrants"), 400, 100);
        String data = hdfs.root() + "/datasets/mnist";
        for (String name : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            hdfs.fileSystem().copyFromLocalFile(new Path(local.resolve(name).toUri()), new Path(data + "/" + name));
        }
        String runs = hdfs.root() + "/runs";
        String out = runs + "/mnist";

        // What sits beside --output while training runs: the staging and work directories, on HDFS.
        Set<String> besideOutputWhileTraining = new TreeSet<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onRound(int epoch, int done, int total, long examples, double seconds, double loss) {
                besideOutputWhileTraining.addAll(names(runs));
            }
        };
        List<String> flags = new ArrayList<>(List.of("data", data, "output", out, "master", "local[2]", "workers", "2"));
        flags.addAll(real ? List.of("epochs", "1", "hidden", "128", "train-limit", "6000", "test-limit", "1000",
                "averaging-frequency", "5")
                : List.of("epochs", "3", "hidden", "32", "batch", "32", "learning-rate", "0.01", "averaging-frequency", "2"));
        MetricsFile metrics = MnistJob.run(MnistJobConfig.from(JobSettings.of("mnist", flags.toArray(String[]::new))), listener);

        double accuracy = metrics.testAccuracy();
        assertTrue(accuracy > (real ? 0.8 : 0.9), "test accuracy " + accuracy + " trained from " + data);
        assertTrue(besideOutputWhileTraining.stream().anyMatch(n -> n.startsWith(".mnist.work-")),
                "minibatch files must live beside the output on HDFS; saw " + besideOutputWhileTraining);
        assertTrue(besideOutputWhileTraining.stream().anyMatch(n -> n.startsWith(".mnist.staging-")),
                "results must be staged beside the output on HDFS; saw " + besideOutputWhileTraining);
        assertEquals(Set.of("mnist"), Set.copyOf(names(runs)), "only the published output may remain in " + runs);
        assertEquals(Set.of("model.zip", "metrics.json", "learning_curves.png", "confusion_matrix.png", "errors.png",
                "report.html"), Set.copyOf(names(out)));
        assertTrue(hdfs.fileSystem().getFileStatus(new Path(out + "/model.zip")).getLen() > 50_000, "model.zip size");
        JsonNode json = readJson(out + "/metrics.json");
        assertEquals(accuracy, json.get("test_accuracy").asDouble(), 0.0, "metrics.json on HDFS vs returned metrics");
        assertEquals(data, json.at("/provenance/settings/data").asText(), json.at("/provenance").toString());

        String evalOut = runs + "/eval";
        MetricsFile evaluated = EvaluateJob.run(EvaluateJobConfig.from(JobSettings.of("evaluate",
                "model", out + "/model.zip", "data", data, "output", evalOut, "master", "local[2]",
                "workers", "2", "test-limit", real ? "1000" : "0")));
        assertEquals(accuracy, evaluated.testAccuracy(), 0.0,
                "the model reloaded from HDFS must score exactly what the training run reported");
        assertEquals(json.at("/test/confusion_matrix"), readJson(evalOut + "/metrics.json").at("/test/confusion_matrix"));
        assertEquals(Set.of("eval", "mnist"), Set.copyOf(names(runs)), "only the published outputs may remain");
        assertEquals(List.of("metrics.json"), names(evalOut));
    }

    static List<String> names(String dir) {
        try {
            FileStatus[] entries = hdfs.fileSystem().listStatus(new Path(dir));
            return Arrays.stream(entries).map(s -> s.getPath().getName()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonNode readJson(String path) throws IOException {
        try (InputStream in = hdfs.fileSystem().open(new Path(path))) {
            return JSON.readTree(in);
        }
    }
}
