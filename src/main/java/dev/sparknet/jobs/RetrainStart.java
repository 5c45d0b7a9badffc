package dev.sparknet.jobs;

import dev.sparknet.BadInputException;
import dev.sparknet.artifacts.EpochRow;
import dev.sparknet.artifacts.ModelRegistry;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.artifacts.RunFolder;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.training.TrainingConfig;
import dev.sparknet.training.ValidationWatch;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a retrain run starts: its own last checkpoint (resume; with the checkpoint of the best epoch on
 * validation when that is an earlier one), the champion (warm start), or a fresh network (cold start).
 */
final class RetrainStart {
    private static final Logger log = LoggerFactory.getLogger(RetrainStart.class);

    private RetrainStart() {
    }

    static DistributedRun.Start choose(ModelRegistry registry, RunFolder folder, String runId, boolean resumed,
                                       boolean coldStartWanted, String warmFrom, MlpSpec spec, TrainingConfig training,
                                       Configuration hadoop) {
        if (resumed) {
            RunFolder.Checkpoint checkpoint = folder.latestCheckpoint().orElseThrow(
                    () -> new BadInputException("--resume " + runId + ": it has no checkpoint"));
            MultiLayerNetwork initial = ModelStore.load(checkpoint.modelPath(), hadoop, "checkpoint " + checkpoint.modelPath());
            List<EpochRow> prior = new ArrayList<>(checkpoint.state().epochs());
            log.info("resuming run {} after epoch {} of {}", runId, checkpoint.epoch(), training.epochs());
            return new DistributedRun.Start(initial, checkpoint.epoch() + 1, prior,
                    bestBefore(folder, prior, checkpoint.epoch(), hadoop));
        }
        if (warmFrom != null) {
            MultiLayerNetwork initial = RetrainJob.loadVersion(registry, warmFrom, hadoop);
            checkArchitecture(initial, spec, warmFrom);
            log.info("warm start from version {}: {} epochs from learning rate {}", warmFrom, training.epochs(),
                    training.learningRate().initial());
            return DistributedRun.Start.from(initial);
        }
        log.info("cold start{}: {} epochs from learning rate {}", coldStartWanted ? " (--cold-start)" : "",
                training.epochs(), training.learningRate().initial());
        return DistributedRun.Start.FRESH;
    }

    /** The network of the best epoch on validation, when it is older than the last checkpoint; else null. */
    private static MultiLayerNetwork bestBefore(RunFolder folder, List<EpochRow> prior, int lastEpoch,
                                                Configuration hadoop) {
        ValidationWatch watch = DistributedRun.watch(0, prior);
        if (!watch.seenAny() || watch.bestEpoch() >= lastEpoch) {
            return null;
        }
        return folder.checkpoint(watch.bestEpoch()).filter(c -> c.epoch() == watch.bestEpoch())
                .map(c -> ModelStore.load(c.modelPath(), hadoop, "checkpoint " + c.modelPath())).orElse(null);
    }

    private static void checkArchitecture(MultiLayerNetwork network, MlpSpec spec, String version) {
        List<Integer> hidden = new ArrayList<>();
        for (int i = 0; i < network.getnLayers() - 1; i++) {
            hidden.add((int) network.layerSize(i));
        }
        String champion = network.layerInputSize(0) + "-" + hidden.toString().replaceAll("[\\[\\] ]", "").replace(',', '-')
                + "-" + network.layerSize(network.getnLayers() - 1);
        // Inputs and outputs come from the data (image size, K), so --hidden cannot fix a mismatch there.
        if (network.layerInputSize(0) != spec.inputs() || network.layerSize(network.getnLayers() - 1) != spec.outputs()) {
            throw new BadInputException("--data: the champion (version " + version + ") is " + champion
                    + " but the data has " + spec.inputs() + " pixels per image and " + spec.outputs()
                    + " classes; --cold-start to train a network for this data from scratch");
        }
        if (!hidden.equals(spec.hidden())) {
            throw new BadInputException("--hidden " + spec.hidden().toString().replaceAll("[\\[\\] ]", "")
                    + ": the champion (version " + version + ") is " + champion + "; pass its --hidden to warm-start from it,"
                    + " or --cold-start to train the new architecture from scratch");
        }
    }
}
