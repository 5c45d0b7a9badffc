package dev.sparknet.jobs;

import dev.sparknet.BadInputException;
import dev.sparknet.artifacts.ChampionComparison;
import dev.sparknet.artifacts.CheckpointState;
import dev.sparknet.artifacts.EpochRow;
import dev.sparknet.artifacts.Json;
import dev.sparknet.artifacts.Manifest;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.artifacts.ModelRegistry;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.artifacts.RegistryLock;
import dev.sparknet.artifacts.RunFolder;
import dev.sparknet.artifacts.RunInfo;
import dev.sparknet.artifacts.RunProvenance;
import dev.sparknet.artifacts.RunRecord;
import dev.sparknet.artifacts.StagedOutput;
import dev.sparknet.config.RetrainJobConfig;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.data.NameNodeProbe;
import dev.sparknet.data.ScratchDirectory;
import dev.sparknet.evaluation.ClassificationMetrics;
import dev.sparknet.evaluation.PromotionPolicy;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.spark.SparkContexts;
import dev.sparknet.training.TrainingConfig;
import dev.sparknet.training.TrainingListener;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Scheduled retraining against a model registry: lock the registry, warm-start from the champion (or
 * start cold), train with a checkpoint after every epoch, score champion and challenger on the same
 * validation images (and report both on the test split), promote the challenger only if it is at least as
 * good on validation (minus the tolerance), record
 * the run in runs.jsonl, unlock. {@code --resume} continues an interrupted run from its last checkpoint.
 */
public final class RetrainJob {
    private static final Logger log = LoggerFactory.getLogger(RetrainJob.class);

    /** How a run ended ({@code version}: the champion after it, new or kept): the validation accuracies it decided on, and the challenger's test accuracy. */
    public record Result(String runId, boolean promoted, String version, OptionalDouble championValidationAccuracy,
                         double challengerValidationAccuracy, double challengerTestAccuracy, String reason) {
    }

    private RetrainJob() {
    }

    public static Result run(RetrainJobConfig config, TrainingListener listener) {
        return run(config, listener, RetrainHooks.NONE);
    }

    public static Result run(RetrainJobConfig config, TrainingListener listener, RetrainHooks hooks) {
        Instant started = Instant.now();
        Configuration hadoop = SparkContexts.hadoopConfigurationBeforeSpark();
        NameNodeProbe.requireAnswering(hadoop, "--data", config.data().data(), "--registry", config.registry(),
                "--work-dir", config.workDir());
        MnistDataset data = DataFiles.forTraining(config.data(), hadoop, config::network, config.training(),
                config.master());
        ModelRegistry registry = ModelRegistry.open(config.registry(), hadoop);
        // A champion file that cannot be trusted stops the run before it takes the lock or writes anything.
        Optional<Champion> checked = registry.current().map(version -> new Champion(version,
                loadVersion(registry, version, hadoop)));
        String runId = RetrainRuns.chooseRun(config, registry);
        boolean resumed = !runId.isEmpty();
        String id = resumed ? runId : RetrainRuns.newRunId(started);
        try (RegistryLock lock = RegistryLock.acquire(registry, id, config.lockTimeout(), config.breakStaleLock(),
                holder -> resumed && holder.runId().equals(id))) {
            try {
                if (resumed && !registry.resumable(id, !config.resume().equals(RetrainJobConfig.RESUME_LATEST))) {
                    throw new BadInputException("--resume " + id + ": the run finished while waiting for the lock");
                }
                registry.removeLeftovers();
                if (!resumed) {
                    RetrainRuns.markAbandoned(registry, id);
                }
                return runLocked(config, registry, data, id, resumed, started, listener, hooks, checked);
            } catch (RuntimeException | Error e) {
                RetrainRuns.recordFailure(registry, id, started, resumed, e);
                throw e;
            }
        }
    }

    /** The champion checked before the lock, scored later unless current changed meanwhile (never trained on). */
    private record Champion(String version, MultiLayerNetwork network) {
    }

    static MultiLayerNetwork loadVersion(ModelRegistry registry, String version, Configuration hadoop) {
        String path = registry.modelPath(version);
        return ModelStore.load(path, hadoop, "registry model " + path);
    }

    private static Result runLocked(RetrainJobConfig config, ModelRegistry registry, MnistDataset data, String runId,
                                    boolean resumed, Instant started, TrainingListener listener,
                                    RetrainHooks hooks, Optional<Champion> checked) {
        long t0 = System.nanoTime();
        Configuration hadoop = registry.fileSystem().getConf();
        RunFolder folder = registry.run(runId);
        Optional<String> champion = registry.current();
        MlpSpec spec = config.network(data.train().pixelsPerImage(), data.numClasses());

        RunInfo info;
        if (resumed) {
            info = folder.info().orElseThrow(() -> new BadInputException("--resume " + runId + ": its run.json is missing"));
            if (!config.settingsHash().equals(info.settingsHash())) {
                throw new BadInputException("--resume " + runId + ": it was started with other settings "
                        + info.trainingSettings() + "; now " + config.trainingSettings()
                        + " (resume with the same flags)");
            }
        } else {
            boolean warm = champion.isPresent() && !config.coldStart();
            info = new RunInfo(runId, started.toString(), warm, warm ? champion.get() : null, config.settingsHash(),
                    config.trainingSettings(), config.settings());
            folder.writeInfo(info);
        }
        boolean warm = info.warmStart();
        String parent = info.warmStartFrom();
        TrainingConfig training = config.training(warm);

        DistributedRun.Start start = RetrainStart.choose(registry, folder, runId, resumed,
                champion.isPresent() && config.coldStart(), warm ? parent : null, spec, training, hadoop);
        List<EpochRow> priorEpochs = start.prior();
        MultiLayerNetwork championNetwork = champion.map(v -> checked.filter(c -> c.version().equals(v))
                .map(Champion::network).orElseGet(() -> loadVersion(registry, v, hadoop))).orElse(null);

        try (JavaSparkContext sc = SparkContexts.start("sparknet retrain", config.master());
             ScratchDirectory scratch = ScratchDirectory.create(config.workDir(), folder.path() + "/work",
                     sc.hadoopConfiguration())) {
            int workers = training.workers() > 0 ? training.workers() : sc.defaultParallelism();
            PreparedData batches = PreparedData.export(sc, data, config.trainLimit(), config.testLimit(),
                    training, scratch, workers);
            DistributedRun.EpochEnd checkpoint = (epoch, network, history, keptEpoch) -> {
                List<EpochRow> epochs = new ArrayList<>(priorEpochs);
                epochs.addAll(history.epochs());
                folder.saveCheckpoint(epoch, network, new CheckpointState(runId, epoch, training.epochs(),
                        training.seed(), config.settingsHash(), workers, new CheckpointState.BatchOrder(epoch + 1, 0),
                        epochs), keptEpoch);
                hooks.afterCheckpoint(epoch);
            };
            DistributedRun.Outcome outcome = DistributedRun.trainAndScore(sc, spec, training, workers, batches,
                    listener, start, checkpoint);

            ChampionChallenge.Verdict verdict = ChampionChallenge.judge(sc, outcome, championNetwork, batches, workers,
                    spec, config.tolerance());
            PromotionPolicy.Decision decision = verdict.decision();
            ClassificationMetrics challenger = verdict.challengerTest();
            double challengerValidation = verdict.challengerValidation().accuracy();
            log.info("challenger validation {}% (test {}%) vs champion {}: {}", pct(challengerValidation),
                    pct(challenger.accuracy()), verdict.championValidation() == null ? "none"
                            : "validation " + pct(verdict.championValidation()) + "% (test "
                            + pct(verdict.championTest()) + "%, version " + champion.get() + ")", decision.reason());

            List<EpochRow> epochs = new ArrayList<>(priorEpochs);
            epochs.addAll(outcome.history().epochs());
            RunProvenance provenance = RunProvenance.of("retrain", started, sc.master(), workers, config.settings(),
                    batches.provenance(data));
            String current = champion.orElse(null);
            String version = null;
            if (decision.promote()) {
                version = registry.nextVersion();
                MetricsFile metrics = MetricsFile.of(challenger.scores(), (System.nanoTime() - t0) / 1e9, epochs,
                        provenance).withValidation(challengerValidation, outcome.keptEpoch())
                        .withChampion(new ChampionComparison(current, verdict.championValidation(),
                                verdict.championTest(), config.tolerance(), decision.reason()));
                try (StagedOutput out = registry.stageVersion(version)) {
                    ModelStore.save(outcome.network().getNetwork(), out);
                    out.writeString(ModelRegistry.METRICS, Json.write(metrics));
                    out.writeString(ModelRegistry.MANIFEST, Json.write(manifest(config, runId, version, parent,
                            current, provenance, decision, verdict)));
                    out.publish();
                }
                hooks.beforeCurrentSwitch();
                registry.switchCurrent(version);
                current = version;
                log.info("promoted version {} (validation accuracy {}%, test {}%); {} now points at it", version,
                        pct(challengerValidation), pct(challenger.accuracy()), registry.path(ModelRegistry.CURRENT));
            } else {
                log.info("kept version {}: {}", current, decision.reason());
            }
            registry.runLog().append(new RunRecord(runId, started.toString(), resumed, parent, champion.orElse(null),
                    challengerValidation, verdict.championValidation(), config.tolerance(),
                    verdict.challengerValidation().total(), challenger.accuracy(), verdict.championTest(),
                    challenger.total(), epochs.size(), outcome.keptEpoch(), decision.reason(), version,
                    decision.promote() ? RunRecord.PROMOTED : RunRecord.KEPT, current, Instant.now().toString(),
                    (System.nanoTime() - t0) / 1e9));
            folder.cleanUp();
            return new Result(runId, decision.promote(), current, verdict.championValidation() == null
                    ? OptionalDouble.empty() : OptionalDouble.of(verdict.championValidation()), challengerValidation,
                    challenger.accuracy(), decision.reason());
        }
    }

    private static Manifest manifest(RetrainJobConfig config, String runId, String version, String parent,
                                     String previousChampion, RunProvenance provenance, PromotionPolicy.Decision decision,
                                     ChampionChallenge.Verdict verdict) {
        return new Manifest(version, runId, parent, previousChampion, verdict.challengerValidation().accuracy(),
                verdict.challengerTest().accuracy(), verdict.championValidation(), verdict.championTest(),
                System.getProperty("user.name") + "@" + RegistryLock.hostName() + " (sparknet retrain)", Instant.now().toString(),
                decision.reason() + (config.note().isBlank() ? "" : "; note: " + config.note()),
                provenance.codeVersion(), provenance.started(), provenance.finished(), provenance.sparkMaster(),
                provenance.workers(), provenance.java(), config.settings(), provenance.data());
    }

    private static String pct(double accuracy) {
        return String.format("%.2f", 100 * accuracy);
    }
}
