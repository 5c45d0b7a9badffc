package dev.sparknet.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A grid of test digits the model gets wrong, drawn as MNIST stores them (white on black, each pixel
 * a 3x3 block), each captioned "true → predicted" with the model's confidence in its wrong answer.
 */
public final class ErrorGridPlot {
    private static final int SCALE = 3;
    private static final int COLUMNS = 9;
    private static final int CAPTION = 34;
    private static final int GAP = 12;
    private static final int HEADER = 62;

    private ErrorGridPlot() {
    }

    /** @param totalErrors how many test images the model got wrong in all (shown in the title) */
    public static byte[] png(List<Misclassified> errors, long totalErrors, long scored) {
        int side = errors.isEmpty() ? 28 : Math.max(errors.get(0).rows(), errors.get(0).cols());
        int cellW = Math.max(side * SCALE, 84) + GAP;
        int cellH = side * SCALE + CAPTION + GAP;
        int columns = Math.max(1, Math.min(COLUMNS, errors.size()));
        int rows = Math.max(1, (errors.size() + columns - 1) / columns);
        int width = Math.max(720, columns * cellW + 2 * GAP);
        int height = HEADER + rows * cellH + GAP;
        BufferedImage image = Png.canvas(width, height);
        Graphics2D g = Png.titled(image, "Test images the model gets wrong: true → predicted class (confidence)",
                errors.isEmpty() ? "no mistakes on " + scored + " test images"
                        : String.format("the first %d of %d mistakes on %d test images, in test-file order (#index)",
                        errors.size(), totalErrors, scored), 14);

        int x0 = (width - columns * cellW) / 2 + GAP / 2;
        for (int i = 0; i < errors.size(); i++) {
            Misclassified e = errors.get(i);
            int x = x0 + (i % columns) * cellW + (cellW - GAP - e.cols() * SCALE) / 2;
            int y = HEADER + (i / columns) * cellH;
            g.setColor(Color.BLACK);
            g.fillRect(x, y, e.cols() * SCALE, e.rows() * SCALE);
            for (int r = 0; r < e.rows(); r++) {
                for (int c = 0; c < e.cols(); c++) {
                    int v = e.pixels()[r * e.cols() + c] & 0xff;
                    if (v != 0) {
                        g.setColor(new Color(v, v, v));
                        g.fillRect(x + c * SCALE, y + r * SCALE, SCALE, SCALE);
                    }
                }
            }
            double cx = x + e.cols() * SCALE / 2.0;
            int captionY = y + e.rows() * SCALE + 16;
            g.setFont(Png.font(Font.BOLD, 15));
            String truth = e.actual() + " → ";
            String guess = Integer.toString(e.predicted());
            int tw = g.getFontMetrics().stringWidth(truth);
            int total = tw + g.getFontMetrics().stringWidth(guess);
            float left = (float) (cx - total / 2.0);
            g.setColor(new Color(0x1b7a35));
            g.drawString(truth, left, captionY);
            g.setColor(new Color(0xb2182b));
            g.drawString(guess, left + tw, captionY);
            g.setColor(Color.DARK_GRAY);
            g.setFont(Png.font(Font.PLAIN, 11));
            Png.centred(g, String.format("%.0f%%  #%d", 100 * e.confidence(), e.index()), cx, captionY + 14);
        }
        g.dispose();
        return Png.encode(image);
    }
}
