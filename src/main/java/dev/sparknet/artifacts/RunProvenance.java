package dev.sparknet.artifacts;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a result came from: the job, code version, start and end, Spark master and workers, Java, every
 * setting that shaped it, and the data files with their checksums (split name to provenance).
 */
public record RunProvenance(String job, String codeVersion, String started, String finished, String sparkMaster,
                            int workers, String java, Map<String, String> settings,
                            Map<String, SplitProvenance> data) {

    public RunProvenance {
        settings = new TreeMap<>(settings);
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** A run of {@code job} that started at {@code started} and finishes now. */
    public static RunProvenance of(String job, Instant started, String sparkMaster, int workers,
                                   Map<String, String> settings, Map<String, SplitProvenance> data) {
        return new RunProvenance(job, currentCodeVersion(), started.toString(), Instant.now().toString(), sparkMaster, workers,
                System.getProperty("java.version"), settings, data);
    }

    /** This jar's version (from its manifest), or "dev" when run from classes. */
    public static String currentCodeVersion() {
        String v = RunProvenance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
