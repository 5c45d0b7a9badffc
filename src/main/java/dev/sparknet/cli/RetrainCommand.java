package dev.sparknet.cli;

import dev.sparknet.config.RetrainJobConfig;
import dev.sparknet.config.Settings;
import dev.sparknet.jobs.RetrainJob;
import dev.sparknet.training.TrainingListener;

import java.util.List;

/** Flags of the `retrain` job: scheduled retraining against a model registry. */
final class RetrainCommand extends Command {
    /** The registry and the run first, then the model and its training, which the shared groups go on with. */
    private static final List<Flag> OWN = Flag.table("""
            --registry DIR              model registry (created if missing): file:, hdfs:, s3a: ...
            --data DIR                  directory with the four MNIST IDX files (.gz or raw); without it, the
                                        --dataset cache, fetched on first use
            --dataset mnist|fashion-mnist  without --data: the public set read from $SPARKNET_DATA_DIR/<set> (default
                                        ~/.cache/sparknet/<set>)
            --tolerance T               promote when challenger validation accuracy >= champion's - T (both scored on
                                        the same --validation images)
            --resume [RUN_ID]           continue an interrupted run from its last checkpoint: the newest one (a new run
                                        if there is none), or RUN_ID
            --cold-start                train from scratch even when there is a current model
            --break-stale-lock          break the registry lock of a run that is dead or older than --lock-timeout
            --lock-timeout MINUTES      a lock older than this is stale even if its host cannot be checked
            --note TEXT                 why this run was started; recorded in the manifest
            --work-dir DIR              where minibatch files are staged during the run (default: in the run's registry
                                        folder); must be readable by every executor
            --hidden W[,W...]           hidden layer widths (must match the current model for a warm start)
            --epochs N                  epochs of a cold start (no current model, or --cold-start)
            --warm-epochs N             epochs when continuing from the current model
            --learning-rate LR          Adam's learning rate in the first epoch of a cold start
            --warm-learning-rate LR     Adam's learning rate in the first epoch of a warm start
            --lr-decay F                factor the learning rate is multiplied by after each epoch
            """);

    RetrainCommand() {
        super("retrain",
                "retrain from the registry's current model; promote the new one only if it is at least as good on validation",
                "Exit codes: 0 promoted a new version, 3 kept the current model (challenger worse), 2 bad input,\n"
                        + "1 failure (crash, divergence, or the registry is locked by another run).\n"
                        + "Registry: DIR/versions/NNNNNN/{model.zip,metrics.json,manifest.json}, DIR/current, DIR/runs.jsonl,\n"
                        + "DIR/runs/RUN_ID/checkpoint (one per epoch), DIR/lock. Example (cron: add --resume):\n"
                        + "  submit/local.sh retrain --registry models/mnist --data ../shared/datasets/mnist --resume\n",
                OWN, Flag.SCHEDULE_AND_VALIDATION, Flag.TRAINING_LOOP, Flag.SPARK, Flag.EVERY_JOB);
    }

    @Override
    int run(Settings settings) {
        RetrainJob.Result result = RetrainJob.run(RetrainJobConfig.from(settings), TrainingListener.NONE);
        return result.promoted() ? Main.OK : Main.KEPT;
    }
}
