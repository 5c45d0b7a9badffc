package dev.sparknet.spark;

import dev.sparknet.BadInputException;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bad input found inside a Spark task (an image, a minibatch file, a table row) is still bad input: the
 * user gets the same one line and exit code 2 as for input checked on the driver. Spark by itself retries
 * a failed task (4 attempts on a cluster) and then reports "Job aborted due to stage failure" wrapping the
 * task's exception. So this listener, installed on every SparkContext the jobs start, watches task ends:
 * the first task that fails with a {@link BadInputException} cancels every running job at once, before the
 * retries can repeat the same refusal, and its message is kept for {@link #behind(Throwable)}, which the
 * command line asks when a job fails.
 */
public final class TaskBadInput extends SparkListener {
    private static final AtomicReference<String> FIRST = new AtomicReference<>();
    private static final AtomicInteger FAILED_ATTEMPTS = new AtomicInteger();

    private final SparkContext sc;

    private TaskBadInput(SparkContext sc) {
        this.sc = sc;
    }

    static void install(SparkContext sc) {
        reset();
        BadInputLogFilter.install();
        sc.addSparkListener(new TaskBadInput(sc));
    }

    public static void reset() {
        FIRST.set(null);
        FAILED_ATTEMPTS.set(0);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (!(end.reason() instanceof ExceptionFailure failure)) {
            return;
        }
        String message = badInputMessage(failure);
        if (message == null) {
            return;
        }
        FAILED_ATTEMPTS.incrementAndGet();
        if (FIRST.compareAndSet(null, message) && !sc.isStopped()) {
            try {
                sc.cancelAllJobs();
            } catch (IllegalStateException stoppedMeanwhile) {
                // the job has already ended and its context stopped: nothing left to cancel
            }
        }
    }

    private static String badInputMessage(ExceptionFailure failure) {
        if (failure.className().equals(BadInputException.class.getName())) {
            return failure.description();
        }
        if (failure.exception().isDefined()) {
            BadInputException cause = find(failure.exception().get());
            return cause == null ? null : cause.getMessage();
        }
        return null;
    }

    /**
     * The bad input behind a failed job: a {@link BadInputException} among the causes (Spark hands the
     * driver the task's exception when it can deserialize it), or the first one a task reported.
     */
    public static Optional<BadInputException> behind(Throwable failure) {
        BadInputException cause = find(failure);
        if (cause != null) {
            return Optional.of(cause);
        }
        String first = FIRST.get();
        return first == null ? Optional.empty() : Optional.of(new BadInputException(first, failure));
    }

    /** How many task attempts failed on bad input since the last SparkContext started (for tests). */
    public static int failedAttempts() {
        return FAILED_ATTEMPTS.get();
    }

    /** The first BadInputException in {@code e}'s chain of causes, or null. */
    static BadInputException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BadInputException bad) {
                return bad;
            }
        }
        return null;
    }
}
