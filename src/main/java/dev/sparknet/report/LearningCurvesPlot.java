package dev.sparknet.report;

import dev.sparknet.artifacts.EpochRow;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;

/**
 * Training loss and accuracy by epoch, one panel each over a shared epoch axis; one line per run (the
 * `mnist` job has one, `bench` compares single-JVM and distributed). Rows are metrics.json's {@code epochs}
 * entries: {@code epoch}, {@code train_loss}, {@code test_accuracy} and, with a validation split,
 * {@code validation_accuracy}, drawn as a second line of the run in the accuracy panel.
 */
public final class LearningCurvesPlot {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 640;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private LearningCurvesPlot() {
    }

    /** @param runs run name (shown in the legend) to its per-epoch rows, in legend order */
    public static byte[] png(Map<String, List<EpochRow>> runs) {
        XYSeriesCollection loss = new XYSeriesCollection();
        XYSeriesCollection accuracy = new XYSeriesCollection();
        boolean validation = runs.values().stream().flatMap(List::stream).anyMatch(r -> r.validationAccuracy() != null);
        for (Map.Entry<String, List<EpochRow>> run : runs.entrySet()) {
            XYSeries l = new XYSeries(run.getKey());
            XYSeries a = new XYSeries(validation ? run.getKey() + ", test" : run.getKey());
            XYSeries v = new XYSeries(run.getKey() + ", validation");
            for (EpochRow row : run.getValue()) {
                l.add(row.epoch(), row.trainLoss());
                a.add(row.epoch(), 100 * row.testAccuracy());
                if (row.validationAccuracy() != null) {
                    v.add(row.epoch(), 100 * row.validationAccuracy());
                }
            }
            loss.addSeries(l);
            accuracy.addSeries(a);
            if (validation) {
                accuracy.addSeries(v);
            }
        }
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        int maxEpoch = runs.values().stream().mapToInt(List::size).max().orElse(1);
        epochs.setRange(0.5, Math.max(1, maxEpoch) + 0.5);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        plot.setGap(18);
        XYPlot lossPanel = panel(loss, "training loss (cross-entropy)", new DecimalFormat("0.000"), maxEpoch, 0.02);
        plot.add(lossPanel, 1);
        XYPlot accuracyPanel = panel(accuracy, validation ? "accuracy (%)" : "test accuracy (%)",
                new DecimalFormat("0.0"), maxEpoch, 1.0);
        plot.add(accuracyPanel, 1);
        // one entry per line: per run, or per run and split when there is a validation split
        plot.setFixedLegendItems(validation ? accuracyPanel.getLegendItems() : lossPanel.getLegendItems());

        JFreeChart chart = new JFreeChart(null, new Font(Png.FONT, Font.BOLD, 18), plot,
                accuracy.getSeriesCount() > 1);
        chart.addSubtitle(new TextTitle("Learning curves: training loss and " + (validation ? "validation and test"
                        : "test") + " accuracy by epoch",
                new Font(Png.FONT, Font.BOLD, 18)));
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static XYPlot panel(XYSeriesCollection data, String label, DecimalFormat format, int epochs,
                                double minimumRange) {
        NumberAxis axis = new NumberAxis(label);
        // One epoch (or a flat curve) would otherwise get a range so narrow that every tick reads the same.
        axis.setAutoRangeMinimumSize(minimumRange);
        axis.setAutoRangeIncludesZero(false);
        axis.setNumberFormatOverride(format);
        axis.setLabelFont(new Font(Png.FONT, Font.PLAIN, 14));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int lines = data.getSeriesCount();
        for (int s = 0; s < lines; s++) {
            renderer.setSeriesPaint(s, COLOURS[s % COLOURS.length]);
            renderer.setSeriesStroke(s, new BasicStroke(2.5f));
        }
        // Each point labelled with its value: the numbers matter more than the slope on a short run.
        renderer.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardXYItemLabelGenerator("{2}",
                format, format));
        // labels only while they fit: one line of at most 15 epochs
        renderer.setDefaultItemLabelsVisible(lines == 1 && epochs <= 15);
        renderer.setDefaultItemLabelFont(new Font(Png.FONT, Font.PLAIN, 11));
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        axis.setUpperMargin(0.12);
        axis.setLowerMargin(0.08);
        return plot;
    }
}
