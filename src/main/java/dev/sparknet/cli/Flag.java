package dev.sparknet.cli;

import java.util.List;

/**
 * A long flag ({@code --name}). {@code argName} is null for switches such as {@code --overwrite}.
 * Defaults are not here: they live in conf/sparknet.properties and are shown in --help from there.
 * A job declares its own flags as a {@link #table}; the flags several jobs share are defined once, below, in the
 * groups the jobs list them in.
 */
public record Flag(String name, String argName, String description, boolean optionalValue) {

    /** The flags of a text table; see {@link FlagTable} for its form. */
    static List<Flag> table(String table) {
        return FlagTable.parse(table);
    }

    public boolean takesValue() {
        return argName != null;
    }

    private static Flag value(String name, String argName, String description) {
        return new Flag(name, argName, description, false);
    }

    private static Flag toggle(String name, String description) {
        return new Flag(name, null, description, false);
    }

    static final Flag MASTER = value("master", "URL",
            "Spark master: local[N], spark://HOST:PORT, yarn, k8s://... (wins over spark-submit's --master; without either, local[*])");
    static final Flag WORK_DIR = value("work-dir", "DIR",
            "where minibatch files are staged during the run; must be readable by every executor (default: beside --output)");
    static final Flag CONF = value("conf", "FILE", "properties file whose <job>.<flag> entries override the defaults");
    static final Flag OVERWRITE = toggle("overwrite", "replace --output if it exists (atomically, after success)");
    static final Flag VERBOSE = toggle("verbose", "show stack traces of errors");
    static final Flag HELP = toggle("help", "show this help");

    // Every job's flags end with where it runs (SPARK, SPARK_STAGING or neither), then EVERY_JOB, or PUBLISHING_JOB
    // for a job that publishes --output: split this way, the groups keep the order --help has always shown them in.
    /** A job that runs on Spark. */
    static final List<Flag> SPARK = List.of(MASTER);
    /** A Spark job that stages minibatch files for its executors. */
    static final List<Flag> SPARK_STAGING = List.of(MASTER, WORK_DIR);
    static final List<Flag> EVERY_JOB = List.of(CONF, VERBOSE, HELP);
    static final List<Flag> PUBLISHING_JOB = List.of(CONF, OVERWRITE, VERBOSE, HELP);

    /** How the learning rate moves and what the validation split decides: mnist, bench and retrain. */
    static final List<Flag> SCHEDULE_AND_VALIDATION = table("""
            --lr-schedule exponential|cosine|plateau  cosine: also half a cosine from --learning-rate to ~0 over
                                  --epochs; plateau: x --lr-decay after each epoch that did not improve
                                  validation accuracy
            --validation N        hold out N training images (never test images) as the validation split every choice
                                  is made on: early stopping, the epoch kept, --lr-schedule plateau
            --validation-seed N   which training images are held out: a function of this seed and the image index only
            --patience P          stop when validation accuracy has not improved for P epochs (0 = train all epochs);
                                  the best epoch is kept
            """);

    /** The distributed training loop: mnist, bench and retrain. */
    static final List<Flag> TRAINING_LOOP = table("""
            --batch N                minibatch size of each worker
            --seed N                 seed of weight initialisation, data order and batch order
            --averaging-frequency N  minibatches each worker fits between parameter averagings
            --workers N              parallel training tasks (0 = Spark's default parallelism)
            --prefetch N             minibatches each worker loads ahead
            --train-limit N          use only the first N training images (0 = all)
            --test-limit N           score only the first N test images (0 = all)
            """);
}
