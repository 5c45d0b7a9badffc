package dev.sparknet.cli;

/**
 * A long flag ({@code --name}). {@code argName} is null for switches such as {@code --overwrite}.
 * Defaults are not here: they live in conf/sparknet.properties and are shown in --help from there.
 */
public record Flag(String name, String argName, String description, boolean optionalValue) {
    public Flag(String name, String argName, String description) {
        this(name, argName, description, false);
    }

    public static Flag value(String name, String argName, String description) {
        return new Flag(name, argName, description);
    }

    /** A flag that may stand alone or take a value, e.g. {@code --resume} or {@code --resume RUN_ID}. */
    public static Flag optionalValue(String name, String argName, String description) {
        return new Flag(name, argName, description, true);
    }

    public static Flag toggle(String name, String description) {
        return new Flag(name, null, description);
    }

    public boolean takesValue() {
        return argName != null;
    }

    /** Flags every job understands. */
    public static final Flag MASTER = value("master", "URL",
            "Spark master: local[N], spark://HOST:PORT, yarn, k8s://... (wins over spark-submit's --master; without either, local[*])");
    public static final Flag CONF = value("conf", "FILE", "properties file whose <job>.<flag> entries override the defaults");
    public static final Flag WORK_DIR = value("work-dir", "DIR",
            "where minibatch files are staged during the run; must be readable by every executor (default: beside --output)");
    public static final Flag OVERWRITE = toggle("overwrite", "replace --output if it exists (atomically, after success)");
    public static final Flag VERBOSE = toggle("verbose", "show stack traces of errors");
    public static final Flag HELP = toggle("help", "show this help");

    /** Training flags shared by the jobs that train an MNIST network (mnist, bench, retrain). */
    public static final Flag BATCH = value("batch", "N", "minibatch size of each worker");
    public static final Flag SEED = value("seed", "N", "seed of weight initialisation, data order and batch order");
    public static final Flag AVERAGING_FREQUENCY = value("averaging-frequency", "N",
            "minibatches each worker fits between parameter averagings");
    public static final Flag WORKERS = value("workers", "N", "parallel training tasks (0 = Spark's default parallelism)");
    public static final Flag PREFETCH = value("prefetch", "N", "minibatches each worker loads ahead");
    public static final Flag TRAIN_LIMIT = value("train-limit", "N", "use only the first N training images (0 = all)");
    public static final Flag TEST_LIMIT = value("test-limit", "N", "score only the first N test images (0 = all)");
}
