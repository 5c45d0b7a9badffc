package dev.sparknet.report;

import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.artifacts.StagedOutput;
import dev.sparknet.evaluation.ClassificationMetrics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes what people look at into a job's output: the three plots and report.html that embeds them. */
public final class Reports {
    public static final String LEARNING_CURVES = "learning_curves.png";
    public static final String CONFUSION_MATRIX = "confusion_matrix.png";
    public static final String ERRORS = "errors.png";
    public static final String REPORT = "report.html";

    private Reports() {
    }

    /** For `mnist`: learning curves, confusion matrix, error grid and report.html. */
    public static void write(StagedOutput output, MetricsFile metrics, ClassificationMetrics test, TestErrors errors) {
        write(output, metrics, test, errors, Map.of());
    }

    /** As above, with more plots (file name to PNG) written beside them and shown after them in report.html. */
    public static void write(StagedOutput output, MetricsFile metrics, ClassificationMetrics test, TestErrors errors,
                             Map<String, byte[]> morePlots) {
        Map<String, byte[]> plots = new LinkedHashMap<>();
        plots.put(LEARNING_CURVES, LearningCurvesPlot.png(Map.of("distributed", metrics.epochs())));
        plots.put(CONFUSION_MATRIX, ConfusionMatrixPlot.png(test));
        plots.put(ERRORS, ErrorGridPlot.png(errors.shown(), errors.total(), errors.scored()));
        plots.putAll(morePlots);
        for (Map.Entry<String, byte[]> plot : plots.entrySet()) {
            writeBytes(output, plot.getKey(), plot.getValue());
        }
        output.writeString(REPORT, HtmlReport.render("sparknet mnist: MNIST multilayer perceptron", metrics, plots));
    }

    public static void writeBytes(StagedOutput output, String name, byte[] bytes) {
        try (OutputStream out = output.create(name)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name, e);
        }
    }
}
