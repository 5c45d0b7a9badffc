package dev.sparknet.report;

import dev.sparknet.artifacts.EpochRow;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.artifacts.RunProvenance;
import dev.sparknet.artifacts.SplitProvenance;
import dev.sparknet.evaluation.ClassScores;
import dev.sparknet.evaluation.TestScores;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * report.html: one self-contained page (plots embedded as data: URIs, no scripts or styles fetched)
 * with the headline accuracy, the plots, per-class metrics, per-epoch timings, the settings and the
 * data checksums. A tiny inline script marks the page ({@code data-images-loaded}) once every plot
 * has decoded, which the browser test checks.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /**
     * @param metrics metrics.json's content
     * @param plots   PNG file name to its bytes, in page order
     */
    public static String render(String title, MetricsFile metrics, Map<String, byte[]> plots) {
        StringBuilder h = new StringBuilder(1 << 16);
        RunProvenance provenance = metrics.provenance();
        TestScores test = metrics.test();
        double accuracy = metrics.testAccuracy();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;margin:24px auto;max-width:1000px;color:#222}\n")
                .append("h1{margin-bottom:4px} .headline{font-size:2.2em;font-weight:bold;color:#1b7a35}\n")
                .append("table{border-collapse:collapse;margin:8px 0 20px} td,th{border:1px solid #ccc;padding:3px 9px;text-align:right}\n")
                .append("th{background:#f3f3f3} td.k,th.k{text-align:left} code{font-size:.85em;word-break:break-all}\n")
                .append("img{max-width:100%;border:1px solid #ddd;margin:6px 0 18px;display:block}\n")
                .append(".muted{color:#666}\n</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        h.append("<p class=\"muted\">").append(esc(provenance.job())).append(" run, code version ")
                .append(esc(provenance.codeVersion())).append(", started ")
                .append(esc(provenance.started())).append(", Spark master ")
                .append(esc(provenance.sparkMaster())).append(", ")
                .append(provenance.workers()).append(" workers</p>\n");
        h.append("<p>Test accuracy <span class=\"headline\" id=\"accuracy\">")
                .append(String.format("%.2f%%", 100 * accuracy)).append("</span> on ")
                .append(metrics.testExamples()).append(" held-out test images");
        h.append(String.format(", macro F1 %.4f", test.macroF1()));
        h.append(String.format("; %.1f s in all.</p>\n", metrics.totalSeconds()));
        if (metrics.validationAccuracy() != null) {
            h.append(String.format("<p>Parameters of epoch %d of %d, the best on the validation split (held-out training "
                            + "images): validation accuracy <span id=\"validation\">%.2f%%</span>. Every choice was made on "
                            + "validation; the test split was only scored.</p>%n", metrics.keptEpoch(),
                    metrics.epochs().size(), 100 * metrics.validationAccuracy()));
        }

        for (Map.Entry<String, byte[]> plot : plots.entrySet()) {
            h.append("<img class=\"plot\" alt=\"").append(esc(plot.getKey())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(plot.getValue())).append("\">\n");
        }

        List<EpochRow> epochs = metrics.epochs();
        if (!epochs.isEmpty()) {
            boolean validation = metrics.validationAccuracy() != null;
            h.append("<h2>Epochs and timings</h2>\n<table>\n<tr><th>epoch</th><th>train loss</th>")
                    .append(validation ? "<th>validation accuracy</th>" : "").append("<th>test accuracy</th>")
                    .append("<th>training seconds</th><th>examples/s</th><th>averaging rounds</th></tr>\n");
            for (EpochRow e : epochs) {
                String v = validation && e.validationAccuracy() != null
                        ? String.format("<td>%.2f%%</td>", 100 * e.validationAccuracy()) : validation ? "<td></td>" : "";
                h.append(String.format("<tr><td>%d</td><td>%.4f</td>%s<td>%.2f%%</td><td>%.1f</td><td>%.0f</td><td>%s</td></tr>%n",
                        e.epoch(), e.trainLoss(), v, 100 * e.testAccuracy(), e.seconds(), e.examplesPerSecond(),
                        str(e.averagingRounds())));
            }
            h.append(String.format("</table>\n<p>Whole run (validation, export, training, evaluation, publishing): %.1f s.</p>\n",
                    metrics.totalSeconds()));
        }

        List<ClassScores> perClass = test.perClass();
        if (!perClass.isEmpty()) {
            h.append("<h2>Per-class metrics (test split)</h2>\n<table>\n<tr><th>class</th><th>precision</th><th>recall</th>")
                    .append("<th>F1</th><th>support</th></tr>\n");
            for (ClassScores c : perClass) {
                h.append(String.format("<tr><td>%d</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%d</td></tr>%n",
                        c.label(), c.precision(), c.recall(), c.f1(), c.support()));
            }
            h.append("</table>\n");
        }

        Map<String, String> settings = provenance.settings();
        if (!settings.isEmpty()) {
            h.append("<h2>Settings</h2>\n<table>\n");
            for (Map.Entry<String, String> s : settings.entrySet()) {
                h.append("<tr><td class=\"k\">").append(esc(s.getKey())).append("</td><td class=\"k\">")
                        .append(esc(s.getValue())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        Map<String, SplitProvenance> data = provenance.data();
        if (!data.isEmpty()) {
            h.append("<h2>Data</h2>\n<table>\n<tr><th class=\"k\">split</th><th class=\"k\">file</th>")
                    .append("<th class=\"k\">SHA-256</th><th>examples used / in file</th></tr>\n");
            for (Map.Entry<String, SplitProvenance> split : data.entrySet()) {
                SplitProvenance s = split.getValue();
                for (String kind : List.of("images", "labels")) {
                    boolean images = kind.equals("images");
                    // a Parquet table's IDX files were temporary: the table is what the reader can find again
                    String file = s.table() != null ? s.table() : images ? s.images() : s.labels();
                    h.append("<tr><td class=\"k\">").append(esc(split.getKey())).append(' ').append(kind)
                            .append("</td><td class=\"k\"><code>").append(esc(file))
                            .append("</code></td><td class=\"k\"><code>")
                            .append(esc(images ? s.imagesSha256() : s.labelsSha256()))
                            .append("</code></td><td>").append(s.examplesUsed()).append(" / ")
                            .append(s.examplesInFiles()).append("</td></tr>\n");
                }
            }
            h.append("</table>\n");
        }
        h.append("<p class=\"muted\">Java ").append(esc(provenance.java())).append("; finished ")
                .append(esc(provenance.finished())).append(".</p>\n");
        // Marks the page once every plot has decoded (naturalWidth > 0): what the browser test looks for.
        h.append("<script>\nwindow.addEventListener('load',function(){var imgs=document.images,ok=0;")
                .append("for(var i=0;i<imgs.length;i++){if(imgs[i].complete&&imgs[i].naturalWidth>0){ok++;}}")
                .append("document.body.setAttribute('data-images-loaded',ok+'/'+imgs.length);});\n</script>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static String str(Object v) {
        return v == null ? "" : v.toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
