package dev.sparknet.jobs;

import dev.sparknet.RealMnist;
import dev.sparknet.artifacts.EpochRow;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.cli.JobSettings;
import dev.sparknet.config.EvaluateJobConfig;
import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.config.RetrainJobConfig;
import dev.sparknet.data.ExampleOrder;
import dev.sparknet.data.MnistArrays;
import dev.sparknet.training.TrainingListener;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext$;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18's proof that no choice is made on the test split: every decision (the epochs early stopping
 * trains, the epoch kept, reduce-on-plateau's rates, retrain's promote-or-keep and its reason) is made
 * twice on the same real MNIST training data and seed, once with the real test labels and once with them
 * shuffled. The decisions must be identical; the reported test accuracy must not be.
 */
@Tag("slow") // six short trainings on real MNIST, ~1 min
class DecisionsIgnoreTestLabelsSparkTest {
    private static final int TEST_LIMIT = 2000;

    @TempDir
    Path tmp;

    @AfterEach
    void noSparkContextLeftRunning() {
        assertFalse(SparkContext$.MODULE$.getActive().isDefined(), "the job left its SparkContext running");
    }

    /** A copy of MNIST whose test labels are a seeded permutation of the real ones. */
    private Path withPermutedTestLabels(Path mnist) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("permuted"));
        for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz")) {
            Files.copy(mnist.resolve(f), dir.resolve(f));
        }
        MnistArrays test = MnistArrays.read(mnist.resolve("t10k-images-idx3-ubyte.gz").toString(),
                mnist.resolve("t10k-labels-idx1-ubyte.gz").toString(), 10_000, new Configuration());
        int[] permutation = ExampleOrder.shuffled(test.count(), 99);
        try (OutputStream raw = Files.newOutputStream(dir.resolve("t10k-labels-idx1-ubyte.gz"));
             DataOutputStream out = new DataOutputStream(new GZIPOutputStream(raw))) {
            out.writeInt(0x00000801);
            out.writeInt(test.count());
            for (int i = 0; i < test.count(); i++) {
                out.writeByte(test.label(permutation[i]));
            }
        }
        return dir;
    }

    private static final String[] TRAINING = {"master", "local[2]", "workers", "2", "hidden", "64", "batch", "64",
            "averaging-frequency", "4", "learning-rate", "0.01", "lr-decay", "0.5", "train-limit", "1500",
            "test-limit", String.valueOf(TEST_LIMIT), "validation", "1000"};

    private static String[] flags(String[] extra, String... more) {
        List<String> all = new ArrayList<>(List.of(TRAINING));
        all.addAll(List.of(extra));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private MetricsFile mnist(Path data, String out) {
        return MnistJob.run(MnistJobConfig.from(JobSettings.of("mnist", flags(new String[]{
                "data", data.toString(), "output", tmp.resolve("run-" + out).toString(), "epochs", "12", "patience", "2",
                "lr-schedule", "plateau"}))), TrainingListener.NONE);
    }

    private RetrainJob.Result retrain(Path data, Path registry, String... extra) {
        return RetrainJob.run(RetrainJobConfig.from(JobSettings.of("retrain", flags(new String[]{
                "data", data.toString(), "registry", registry.toString(), "epochs", "3", "warm-epochs", "2"}, extra))),
                TrainingListener.NONE, RetrainHooks.NONE);
    }

    private static List<Double> validation(MetricsFile m) {
        return m.epochs().stream().map(EpochRow::validationAccuracy).toList();
    }

    @Test
    void everyDecisionIsTheSameWhenTheTestLabelsAreShuffled() throws IOException {
        Path real = RealMnist.required();
        Path permuted = withPermutedTestLabels(real);

        MetricsFile a = mnist(real, "real");
        MetricsFile b = mnist(permuted, "permuted");
        System.out.printf("mnist: %d epochs trained, epoch %d kept; validation %s; test accuracy %.4f (real labels) "
                + "vs %.4f (shuffled)%n", a.epochs().size(), a.keptEpoch(), validation(a), a.testAccuracy(), b.testAccuracy());
        assertEquals(validation(a), validation(b), "validation accuracy of every epoch");
        assertEquals(a.epochs().size(), b.epochs().size(), "epochs trained before early stopping");
        assertEquals(a.keptEpoch(), b.keptEpoch(), "epoch kept");
        assertEquals(a.validationAccuracy(), b.validationAccuracy());
        assertTrue(a.testAccuracy() > 0.85, "real test labels: " + a.testAccuracy());
        // the reported test figures and the saved parameters are the kept epoch's, not the last one's
        assertEquals(a.epochs().get(a.keptEpoch() - 1).testAccuracy(), a.testAccuracy(), 0.0);
        MetricsFile reloaded = EvaluateJob.run(EvaluateJobConfig.from(JobSettings.of("evaluate",
                "model", tmp.resolve("run-real/model.zip").toString(), "data", real.toString(), "test-limit",
                String.valueOf(TEST_LIMIT), "output", tmp.resolve("eval").toString(), "master", "local[2]", "workers", "2")));
        assertEquals(a.testAccuracy(), reloaded.testAccuracy(), 0.0, "model.zip holds the kept epoch's parameters");
        assertTrue(b.testAccuracy() < 0.2, "shuffled test labels score near chance: " + b.testAccuracy());

        List<String> decisions = new ArrayList<>();
        for (Path data : List.of(real, permuted)) {
            Path registry = tmp.resolve("registry-" + data.getFileName());
            RetrainJob.Result first = retrain(data, registry);
            RetrainJob.Result warm = retrain(data, registry);
            RetrainJob.Result weak = retrain(data, registry, "cold-start", "true", "epochs", "1", "learning-rate", "0.0005");
            decisions.add(first.promoted() + " " + first.reason() + " | " + warm.promoted() + " " + warm.reason() + " | "
                    + weak.promoted() + " " + weak.reason());
            System.out.printf("retrain on %s: %s; test accuracy of the last challenger %.4f%n", data.getFileName(),
                    decisions.get(decisions.size() - 1), weak.challengerTestAccuracy());
        }
        assertEquals(decisions.get(0), decisions.get(1), "promote or keep, and the reason given, in each of three runs");
        assertTrue(decisions.get(0).contains("false"), "the weak cold start is kept: " + decisions.get(0));
        assertNotEquals(a.testAccuracy(), b.testAccuracy());
    }
}
