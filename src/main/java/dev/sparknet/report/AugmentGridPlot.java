package dev.sparknet.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * augment.png: each row one training image as stored, then the distortions training gave it in the first
 * epochs, drawn as MNIST stores them (white on black, each pixel a 3x3 block).
 */
public final class AugmentGridPlot {
    private static final int SCALE = 3;
    private static final int GAP = 10;
    private static final int HEADER = 64;
    private static final int LABEL = 70;

    private AugmentGridPlot() {
    }

    /** One row: the image's index and label, its pixels, and its distortions (all rows x cols). */
    public record Row(int image, int label, byte[] original, List<byte[]> distorted) {
    }

    public static byte[] png(List<Row> rowsShown, int rows, int cols, String settings) {
        int columns = 1 + rowsShown.stream().mapToInt(r -> r.distorted().size()).max().orElse(0);
        int cellW = cols * SCALE + GAP;
        int cellH = rows * SCALE + GAP;
        int width = Math.max(640, LABEL + columns * cellW + 2 * GAP + GAP);
        int height = HEADER + 18 + rowsShown.size() * cellH + GAP;
        BufferedImage image = Png.canvas(width, height);
        Graphics2D g = Png.titled(image, "Training images and their elastic distortions", settings, 13);
        int x0 = GAP + LABEL;
        g.setFont(Png.font(Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        for (int c = 0; c < columns; c++) {
            Png.centred(g, c == 0 ? "original" : "epoch " + c, x0 + c * cellW + (cellW + GAP) / 2.0 - GAP, HEADER + 10);
        }
        for (int r = 0; r < rowsShown.size(); r++) {
            Row row = rowsShown.get(r);
            int y = HEADER + 18 + r * cellH;
            g.setColor(Color.DARK_GRAY);
            g.setFont(Png.font(Font.PLAIN, 12));
            g.drawString("#" + row.image() + "  (" + row.label() + ")", GAP, y + rows * SCALE / 2 + 4);
            draw(g, row.original(), rows, cols, x0, y);
            for (int c = 0; c < row.distorted().size(); c++) {
                draw(g, row.distorted().get(c), rows, cols, x0 + (c + 1) * cellW + GAP, y);
            }
        }
        g.dispose();
        return Png.encode(image);
    }

    private static void draw(Graphics2D g, byte[] pixels, int rows, int cols, int x, int y) {
        g.setColor(Color.BLACK);
        g.fillRect(x, y, cols * SCALE, rows * SCALE);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int v = pixels[r * cols + c] & 0xff;
                if (v != 0) {
                    g.setColor(new Color(v, v, v));
                    g.fillRect(x + c * SCALE, y + r * SCALE, SCALE, SCALE);
                }
            }
        }
    }
}
