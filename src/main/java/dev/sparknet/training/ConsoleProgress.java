package dev.sparknet.training;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Training progress for people. In local mode on a console: one line on stderr, rewritten with
 * {@code \r} after every averaging round (epoch, batches done of total, examples/s, loss, time left),
 * closed with a newline at the end of each epoch. Elsewhere (clusters, logs, CI): one structured
 * {@code key=value} line per epoch, as a live line makes no sense in a log file.
 */
public final class ConsoleProgress implements TrainingListener {
    private static final Logger log = LoggerFactory.getLogger(ConsoleProgress.class);
    private final int epochs;
    private final PrintStream live;
    private final Consumer<String> structured;
    private double finishedEpochSeconds;
    private int finishedEpochs;
    private int lastWidth;

    private ConsoleProgress(int epochs, PrintStream live, Consumer<String> structured) {
        this.epochs = epochs;
        this.live = live;
        this.structured = structured;
    }

    /** A live line on {@code out}. */
    public static ConsoleProgress live(int epochs, PrintStream out) {
        return new ConsoleProgress(epochs, out, null);
    }

    /** One {@code key=value} line per epoch, given to {@code sink}. */
    public static ConsoleProgress perEpoch(int epochs, Consumer<String> sink) {
        return new ConsoleProgress(epochs, null, sink);
    }

    /**
     * What the driver should show: a live line when the Spark master is local and this JVM has a
     * console, otherwise a log line per epoch.
     */
    public static ConsoleProgress forDriver(String master, int epochs) {
        String effective = master == null || master.isBlank() ? System.getProperty("spark.master", "local[*]") : master;
        boolean local = effective.startsWith("local");
        return local && System.console() != null ? live(epochs, System.err) : perEpoch(epochs, log::info);
    }

    public boolean isLive() {
        return live != null;
    }

    @Override
    public void onRound(int epoch, int batchesDone, int batchesTotal, long examplesDone, double seconds, double loss) {
        double speed = seconds > 0 ? examplesDone / seconds : 0;
        double epochSeconds = batchesDone > 0 ? seconds * batchesTotal / batchesDone : 0;
        // Earlier epochs are the best estimate of later ones; the current epoch's own pace before that.
        double perEpoch = finishedEpochs > 0 ? finishedEpochSeconds / finishedEpochs : epochSeconds;
        double left = Math.max(0, epochSeconds - seconds) + perEpoch * Math.max(0, epochs - epoch);
        boolean epochDone = batchesDone >= batchesTotal;
        if (live != null) {
            String line = String.format(Locale.ROOT, "epoch %d/%d  batches %d/%d  %.0f examples/s  loss %.4f  %s left",
                    epoch, epochs, batchesDone, batchesTotal, speed, loss, duration(left));
            int pad = Math.max(0, lastWidth - line.length());
            live.print("\r" + line + " ".repeat(pad) + (epochDone ? "\n" : ""));
            live.flush();
            lastWidth = epochDone ? 0 : line.length();
        } else if (epochDone) {
            structured.accept(String.format(Locale.ROOT,
                    "progress epoch=%d epochs=%d batches=%d/%d examples=%d seconds=%.1f examples_per_second=%.0f"
                            + " loss=%.4f eta_seconds=%.0f", epoch, epochs, batchesDone, batchesTotal, examplesDone,
                    seconds, speed, loss, left));
        }
        if (epochDone) {
            finishedEpochs++;
            finishedEpochSeconds += seconds;
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
