package dev.sparknet.approx;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * {@code fit.png}: the target and the network over the plotted span, the training range shaded, so
 * that one look tells where the network learned the function and where it only extrapolates.
 */
final class FitPlot {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 620;

    private FitPlot() {
    }

    /** Writes the chart as a PNG of {@link #WIDTH} x {@link #HEIGHT} pixels, titled with the run's scores. */
    static void writePng(OutputStream out, FitCurve curve, Interval range, ApproxMetrics metrics) throws IOException {
        ChartUtils.writeChartAsPNG(out, chart(curve, range, title(metrics), subtitle(metrics)), WIDTH, HEIGHT);
    }

    private static String title(ApproxMetrics metrics) {
        return "Network " + metrics.network() + " learning y = " + metrics.target();
    }

    /** The numbers that say whether the picture is good: both MSEs beside the variance, and of how many restarts. */
    private static String subtitle(ApproxMetrics metrics) {
        int restarts = metrics.restarts().size();
        return String.format(Locale.ROOT, "MSE inside the training range %s   |   outside it %s   |   target variance %s"
                        + "   |   best of %d restart%s", Numbers.brief(metrics.mseInRange()),
                Numbers.brief(metrics.mseOutOfRange()), Numbers.brief(metrics.targetVarianceInRange()), restarts,
                restarts == 1 ? "" : "s");
    }

    private static JFreeChart chart(FitCurve curve, Interval range, String title, String subtitle) {
        XYSeries target = new XYSeries("target", false, true);
        XYSeries network = new XYSeries("network", false, true);
        for (int i = 0; i < curve.x().length; i++) {
            target.add(curve.x()[i], curve.target()[i]);
            network.add(curve.x()[i], curve.prediction()[i]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(target);
        data.addSeries(network);

        NumberAxis xAxis = new NumberAxis("x");
        xAxis.setAutoRangeIncludesZero(false);
        xAxis.setRange(curve.x()[0], curve.x()[curve.x().length - 1]);
        NumberAxis yAxis = new NumberAxis("y");
        yAxis.setAutoRangeIncludesZero(false);

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        // The target wide and pale underneath, the network narrow and dark on top: where they part shows at once.
        renderer.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4, 110));
        renderer.setSeriesStroke(0, new BasicStroke(7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        renderer.setSeriesPaint(1, new Color(0xd6, 0x27, 0x28));
        renderer.setSeriesStroke(1, new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));

        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // network drawn over the target
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        IntervalMarker shaded = new IntervalMarker(range.lo(), range.hi(), new Color(0x2c, 0xa0, 0x2c, 40));
        shaded.setLabel("training range " + range);
        shaded.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        shaded.setLabelPaint(new Color(0x1e, 0x6e, 0x1e));
        shaded.setLabelAnchor(RectangleAnchor.TOP);
        shaded.setLabelTextAnchor(TextAnchor.TOP_CENTER);
        plot.addDomainMarker(shaded, Layer.BACKGROUND);

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 14)));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        xAxis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        yAxis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        return chart;
    }
}
