package dev.sparknet.jobs;

import dev.sparknet.BadInputException;
import dev.sparknet.artifacts.ModelRegistry;
import dev.sparknet.artifacts.RunRecord;
import dev.sparknet.config.RetrainJobConfig;
import dev.sparknet.training.TrainingDivergedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

/** Which retrain run this is (new or resumed), and the lines runs.jsonl gets for runs that did not finish. */
final class RetrainRuns {
    private static final Logger log = LoggerFactory.getLogger(RetrainRuns.class);
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The run to continue, or "" to start a new one. */
    static String chooseRun(RetrainJobConfig config, ModelRegistry registry) {
        if (!config.resuming()) {
            return "";
        }
        if (config.resume().equals(RetrainJobConfig.RESUME_LATEST)) {
            Optional<String> latest = registry.newestInterruptedRun();
            if (latest.isEmpty()) {
                log.info("--resume: no interrupted run with a checkpoint in {}; starting a new run", registry);
            }
            return latest.orElse("");
        }
        if (!registry.resumable(config.resume(), true)) {
            throw new BadInputException("--resume " + config.resume() + ": no such run with a checkpoint in "
                    + registry + ", or it already ended by promoting or keeping (runs are listed in runs.jsonl)");
        }
        return config.resume();
    }

    /** Runs whose driver died and that nobody resumed get a line when a new run starts instead. */
    static void markAbandoned(ModelRegistry registry, String newRun) {
        for (String id : registry.runIds()) {
            if (!id.equals(newRun) && registry.runLog().last(id).isEmpty()) {
                registry.runLog().append(RunRecord.ended(id, null, null, null, RunRecord.INTERRUPTED,
                        "the run stopped without a result and was not resumed before run " + newRun + " started"
                                + (registry.run(id).latestCheckpoint().isPresent()
                                ? " (--resume " + id + " can still continue it)" : ""), null));
            }
        }
    }

    static void recordFailure(ModelRegistry registry, String runId, Instant started, boolean resumed, Throwable e) {
        try {
            registry.runLog().append(RunRecord.ended(runId, started.toString(), resumed, null,
                    e instanceof TrainingDivergedException ? RunRecord.DIVERGED : RunRecord.FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage(), registry.current().orElse(null)));
        } catch (RuntimeException recording) {
            e.addSuppressed(recording);
            log.error("could not record the failed run in runs.jsonl: {}", recording.toString());
        }
    }

    static String newRunId(Instant started) {
        return RUN_ID_TIME.format(started) + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private RetrainRuns() {
    }
}
