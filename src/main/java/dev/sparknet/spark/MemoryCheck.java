package dev.sparknet.spark;

import dev.sparknet.BadInputException;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.training.MemoryEstimate;
import org.apache.spark.SparkConf;
import org.apache.spark.network.util.JavaUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a run's {@link MemoryEstimate} with the memory this driver and its executors are given, before Spark
 * starts and before any data is exported: a network too large for them is one line naming both figures and the
 * setting to raise, instead of an OutOfMemoryError half a minute in. The limits are read where they take effect:
 * this JVM's {@code -Xmx} and JavaCPP's {@code maxbytes}; for executors, spark.executor.memory and the
 * {@code -Dorg.bytedeco.javacpp.maxbytes} in spark.executor.extraJavaOptions (what submit/common.sh passes).
 */
public final class MemoryCheck {
    private static final Logger log = LoggerFactory.getLogger(MemoryCheck.class);
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)(?:,\\d+)?]|local");
    private static final Pattern MAXBYTES = Pattern.compile("-Dorg\\.bytedeco\\.javacpp\\.maxbytes=(\\S+)");

    /** What is configured: this JVM's heap and off-heap limits, and (on a cluster) one executor's. */
    public record Limits(long driverHeap, long driverOffHeap, long executorHeap, long executorOffHeap) {
    }

    private MemoryCheck() {
    }

    /** Fails with one line when the run will not fit; {@code master} is --master ("" = spark-submit's or local[*]). */
    public static void require(MlpSpec spec, int batch, int workers, String master) {
        SparkConf conf = new SparkConf(true); // spark-submit passes its settings as spark.* system properties
        String effective = master == null || master.isBlank() ? conf.get("spark.master", "local[*]") : master;
        int localThreads = localThreads(effective, Runtime.getRuntime().availableProcessors());
        boolean local = localThreads > 0;
        int tasks = local ? (workers > 0 ? Math.min(workers, localThreads) : localThreads)
                : conf.getInt("spark.executor.cores", 1);
        long driverOff = org.bytedeco.javacpp.Pointer.maxBytes();
        long executorHeap = JavaUtils.byteStringAsBytes(conf.get("spark.executor.memory", "1g"));
        Limits limits = new Limits(Runtime.getRuntime().maxMemory(), driverOff, executorHeap,
                executorOffHeap(conf.get("spark.executor.extraJavaOptions", ""), executorHeap));
        MemoryEstimate estimate = MemoryEstimate.of(spec, batch, tasks, local);
        log.info("memory estimate for {} ({} parameters, batch {}, {} task(s) per {}): {}", spec.describe(),
                spec.parameterCount(), batch, tasks, local ? "JVM (local mode)" : "executor", describe(estimate, local));
        String problems = shortfalls(estimate, limits, local);
        if (!problems.isEmpty()) {
            throw new BadInputException("not enough memory for " + spec.describe() + " (" + String.format("%,d",
                    spec.parameterCount()) + " parameters, batch " + batch + ", " + tasks + " task(s) per "
                    + (local ? "JVM" : "executor") + "): " + problems + "; or train a smaller network (--hidden)");
        }
    }

    /** The shortfalls, "" when the run fits. Package-private for tests. */
    static String shortfalls(MemoryEstimate e, Limits limits, boolean local) {
        List<String> out = new ArrayList<>();
        if (local) {
            // In local mode the scripts set no maxbytes for the driver, so JavaCPP's cap follows -Xmx.
            check(out, "this JVM (driver and local executors) needs", e.localHeap(), "of heap", limits.driverHeap(),
                    "raise SPARKNET_DRIVER_MEMORY");
            check(out, "this JVM needs", e.localOffHeap(), "off heap (ND4J arrays)", limits.driverOffHeap(),
                    "raise SPARKNET_DRIVER_MEMORY (JavaCPP's maxbytes follows the heap in local mode)");
        } else {
            check(out, "the driver needs", e.driverHeap(), "of heap", limits.driverHeap(), "raise SPARKNET_DRIVER_MEMORY");
            check(out, "the driver needs", e.driverOffHeap(), "off heap (ND4J arrays)", limits.driverOffHeap(),
                    "raise SPARKNET_DRIVER_MEMORY");
            check(out, "each executor needs", e.executorHeap(), "of heap", limits.executorHeap(),
                    "raise SPARKNET_EXECUTOR_MEMORY");
            check(out, "each executor needs", e.executorOffHeap(), "off heap (ND4J arrays)", limits.executorOffHeap(),
                    "raise SPARKNET_EXECUTOR_OFFHEAP");
        }
        return String.join("; ", out);
    }

    private static void check(List<String> out, String who, long need, String what, long have, String fix) {
        if (need > have) {
            String setting = fix.contains(" (") ? fix.substring(0, fix.indexOf(" (")) : fix;
            String why = fix.substring(setting.length());
            out.add(who + " about " + MemoryEstimate.human(need) + " " + what + " but " + MemoryEstimate.human(have)
                    + " is configured: " + setting + " to at least " + ((need + (1L << 30) - 1) >> 30) + "g" + why);
        }
    }

    private static String describe(MemoryEstimate e, boolean local) {
        return local ? MemoryEstimate.human(e.localHeap()) + " heap, " + MemoryEstimate.human(e.localOffHeap()) + " off heap"
                : "driver " + MemoryEstimate.human(e.driverHeap()) + " heap, " + MemoryEstimate.human(e.driverOffHeap())
                + " off heap; executor " + MemoryEstimate.human(e.executorHeap()) + " heap, "
                + MemoryEstimate.human(e.executorOffHeap()) + " off heap";
    }

    /** Task threads of a local master (local = 1, local[*] = cores), 0 for a cluster master. */
    static int localThreads(String master, int cores) {
        Matcher m = LOCAL.matcher(master.strip());
        if (!m.matches()) {
            return 0;
        }
        if (m.group(1) == null) {
            return 1;
        }
        return m.group(1).equals("*") ? cores : Integer.parseInt(m.group(1));
    }

    /** JavaCPP's cap in the executors: their -Dorg.bytedeco.javacpp.maxbytes, else JavaCPP's default (the heap). */
    static long executorOffHeap(String extraJavaOptions, long executorHeap) {
        Matcher m = MAXBYTES.matcher(extraJavaOptions);
        long found = executorHeap;
        while (m.find()) {
            found = JavaUtils.byteStringAsBytes(m.group(1)); // the last one wins, as on a java command line
        }
        return found;
    }
}
