package dev.sparknet.spark;

import dev.sparknet.BadInputException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.filter.AbstractFilter;

/**
 * Keeps Spark's account of a task that refused bad input off the console: the executor's "Exception in
 * task" with its stack trace, the scheduler's "Lost task ...: dev.sparknet.BadInputException" and what
 * follows ("aborting job", the killed retries). The job itself says the one line that matters, and
 * {@code --verbose} prints the whole chain. Installed on the driver's root logger, which in local mode also
 * carries the executor's messages; on a cluster, executors log to their own files as usual.
 */
final class BadInputLogFilter extends AbstractFilter {
    private static final BadInputLogFilter INSTANCE = new BadInputLogFilter();

    /** Set once Spark reported a task lost to bad input; cleared for each new SparkContext. */
    private volatile boolean seen;

    private BadInputLogFilter() {
        super(Filter.Result.NEUTRAL, Filter.Result.NEUTRAL);
    }

    /** Adds the filter to the root logger once per JVM and forgets what an earlier context saw. */
    static synchronized void install() {
        INSTANCE.seen = false;
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return; // another logging backend: nothing to filter through
        }
        LoggerConfig root = context.getConfiguration().getRootLogger();
        if (!root.hasFilter() || !containsInstance(root.getFilter())) {
            root.addFilter(INSTANCE);
            context.updateLoggers();
        }
    }

    private static boolean containsInstance(Filter filter) {
        if (filter == INSTANCE) {
            return true;
        }
        if (filter instanceof org.apache.logging.log4j.core.filter.CompositeFilter composite) {
            for (Filter f : composite.getFiltersArray()) {
                if (f == INSTANCE) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public Result filter(LogEvent event) {
        String logger = event.getLoggerName() == null ? "" : event.getLoggerName();
        if (!logger.startsWith("org.apache.spark.")) {
            return Result.NEUTRAL;
        }
        if (TaskBadInput.find(event.getThrown()) != null) {
            seen = true;
            return Result.DENY;
        }
        String message = event.getMessage() == null ? "" : event.getMessage().getFormattedMessage();
        if (message.contains(BadInputException.class.getName())) {
            seen = true;
            return Result.DENY;
        }
        boolean scheduler = logger.startsWith("org.apache.spark.scheduler.") || logger.startsWith("org.apache.spark.executor.");
        return seen && scheduler ? Result.DENY : Result.NEUTRAL;
    }
}
