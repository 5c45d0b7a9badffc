package dev.sparknet.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Progress of a Spark step that may take a while (data export, evaluation, prediction): quiet when it
 * finishes within a few seconds, otherwise one log line every few seconds with the Spark tasks done
 * out of those submitted so far.
 * <pre>try (SlowStep step = SlowStep.start(sc, "scoring the test split")) { ... }</pre>
 */
public final class SlowStep implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlowStep.class);
    static final long FIRST_REPORT_SECONDS = 5;
    static final long EVERY_SECONDS = 10;
    private final JavaSparkContext sc;
    private final SparkListener listener;
    private final ScheduledExecutorService timer;

    private SlowStep(JavaSparkContext sc, String what) {
        this.sc = sc;
        AtomicInteger submitted = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        this.listener = new SparkListener() {
            @Override
            public void onStageSubmitted(SparkListenerStageSubmitted stage) {
                submitted.addAndGet(stage.stageInfo().numTasks());
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd task) {
                done.incrementAndGet();
            }
        };
        sc.sc().addSparkListener(listener);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sparknet-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> log.info("{}: {}/{} tasks done, {} s", what, done.get(), submitted.get(),
                        Math.round((System.nanoTime() - start) / 1e9)),
                FIRST_REPORT_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    public static SlowStep start(JavaSparkContext sc, String what) {
        return new SlowStep(sc, what);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        sc.sc().removeSparkListener(listener);
    }
}
