package dev.sparknet.report;

import dev.sparknet.evaluation.ClassificationMetrics;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * The confusion matrix as a labelled heat map: rows are the true class, columns the predicted one (K x K).
 * Correct cells (the diagonal) are green by recall; mistakes are red, darker the more often that
 * confusion happens, so the few cells that matter stand out on a 98%-accurate model. Every non-zero
 * cell shows its count; recall closes each row and precision each column.
 */
public final class ConfusionMatrixPlot {
    private static final int CELL = 56;
    private static final int LEFT = 110;
    private static final int TOP = 110;

    private ConfusionMatrixPlot() {
    }

    public static byte[] png(ClassificationMetrics metrics) {
        long[][] m = metrics.confusion();
        int n = m.length;
        int width = LEFT + (n + 1) * CELL + 30;
        int height = TOP + (n + 1) * CELL + 40;
        BufferedImage image = Png.canvas(width, height);
        Graphics2D g = Png.graphics(image);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        long maxError = 1;
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                if (a != p) {
                    maxError = Math.max(maxError, m[a][p]);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(Png.font(Font.BOLD, 18));
        Png.centred(g, String.format("Confusion matrix: %d test images, accuracy %.2f%%", metrics.total(),
                100 * metrics.accuracy()), width / 2.0, 30);
        g.setFont(Png.font(Font.BOLD, 15));
        Png.centred(g, "predicted class", LEFT + n * CELL / 2.0, 62);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        Png.centred(g, "true class", -(TOP + n * CELL / 2.0), 40);
        g.setTransform(saved);

        g.setFont(Png.font(Font.BOLD, 16));
        for (int i = 0; i < n; i++) {
            Png.centred(g, Integer.toString(i), LEFT + i * CELL + CELL / 2.0, TOP - 14);
            Png.centred(g, Integer.toString(i), LEFT - 22, TOP + i * CELL + CELL / 2.0 + 6);
        }
        g.setFont(Png.font(Font.ITALIC, 13));
        Png.centred(g, "recall", LEFT + n * CELL + CELL / 2.0, TOP - 14);
        Png.centred(g, "precision", LEFT - 50, TOP + n * CELL + CELL / 2.0 + 5);

        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                long count = m[a][p];
                Color fill;
                if (a == p) {
                    fill = mix(new Color(0xe8f5e9), new Color(0x1b7a35), metrics.support(a) == 0 ? 0 : metrics.recall(a));
                } else if (count == 0) {
                    fill = Color.WHITE;
                } else {
                    fill = mix(new Color(0xffe4dc), new Color(0xb2182b), Math.sqrt((double) count / maxError));
                }
                int x = LEFT + p * CELL;
                int y = TOP + a * CELL;
                g.setColor(fill);
                g.fillRect(x, y, CELL, CELL);
                g.setColor(new Color(0xcccccc));
                g.drawRect(x, y, CELL, CELL);
                if (count != 0) {
                    g.setColor(luminance(fill) < 0.55 ? Color.WHITE : Color.BLACK);
                    g.setFont(Png.font(a == p ? Font.BOLD : Font.PLAIN, count >= 10000 ? 12 : 14));
                    Png.centred(g, Long.toString(count), x + CELL / 2.0, y + CELL / 2.0 + 5);
                }
            }
            g.setColor(Color.BLACK);
            g.setFont(Png.font(Font.PLAIN, 13));
            Png.centred(g, percent(metrics.recall(a)), LEFT + n * CELL + CELL / 2.0, TOP + a * CELL + CELL / 2.0 + 5);
            Png.centred(g, percent(metrics.precision(a)), LEFT + a * CELL + CELL / 2.0, TOP + n * CELL + CELL / 2.0 + 5);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(LEFT, TOP, n * CELL, n * CELL);
        g.dispose();
        return Png.encode(image);
    }

    private static String percent(double v) {
        return String.format("%.1f%%", 100 * v);
    }

    private static Color mix(Color from, Color to, double t) {
        double f = Math.max(0, Math.min(1, t));
        return new Color((int) Math.round(from.getRed() + f * (to.getRed() - from.getRed())),
                (int) Math.round(from.getGreen() + f * (to.getGreen() - from.getGreen())),
                (int) Math.round(from.getBlue() + f * (to.getBlue() - from.getBlue())));
    }

    private static double luminance(Color c) {
        return (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255;
    }
}
