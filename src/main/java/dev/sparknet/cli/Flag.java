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
            "Spark master: local[N], spark://HOST:PORT, yarn, k8s://... (spark-submit's --master wins; default local[*])");
    public static final Flag CONF = value("conf", "FILE", "properties file whose <job>.<flag> entries override the defaults");
    public static final Flag WORK_DIR = value("work-dir", "DIR",
            "where minibatch files are staged during the run; must be readable by every executor (default: beside --output)");
    public static final Flag OVERWRITE = toggle("overwrite", "replace --output if it exists (atomically, after success)");
    public static final Flag VERBOSE = toggle("verbose", "show stack traces of errors");
    public static final Flag HELP = toggle("help", "show this help");
}
