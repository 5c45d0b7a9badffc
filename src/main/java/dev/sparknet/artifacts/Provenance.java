package dev.sparknet.artifacts;

import dev.sparknet.data.MnistSplit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where a result came from: code version, data files and their checksums, settings, Spark. */
public final class Provenance {
    private Provenance() {
    }

    public static String codeVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public static Map<String, Object> split(MnistSplit split, int used) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("images", split.imagesPath());
        out.put("labels", split.labelsPath());
        out.put("images_sha256", split.imagesSha256());
        out.put("labels_sha256", split.labelsSha256());
        out.put("examples_in_files", split.count());
        out.put("examples_used", used);
        out.put("label_counts", split.labelCountList());
        return out;
    }

    public static Map<String, Object> run(String job, Instant started, String sparkMaster, int workers,
                                          Map<String, ?> settings, Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", job);
        out.put("code_version", codeVersion());
        out.put("started", started.toString());
        out.put("finished", Instant.now().toString());
        out.put("spark_master", sparkMaster);
        out.put("workers", workers);
        out.put("java", System.getProperty("java.version"));
        out.put("settings", settings);
        out.put("data", data);
        return out;
    }
}
