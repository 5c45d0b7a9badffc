package dev.sparknet.report;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Headless drawing helpers shared by the plots: a canvas, fonts, and PNG encoding. */
final class Png {
    static {
        // Plots are drawn on drivers without a display.
        System.setProperty("java.awt.headless", "true");
    }

    static final String FONT = Font.SANS_SERIF;

    private Png() {
    }

    static BufferedImage canvas(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
    }

    static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Draws {@code text} centred horizontally on {@code cx} with its baseline at {@code y}. */
    static void centred(Graphics2D g, String text, double cx, double y) {
        int w = g.getFontMetrics().stringWidth(text);
        g.drawString(text, (float) (cx - w / 2.0), (float) y);
    }

    static Font font(int style, int size) {
        return new Font(FONT, style, size);
    }

    /** White, with a bold title and a subtitle centred at the top: how every picture grid starts. */
    static Graphics2D titled(BufferedImage image, String title, String subtitle, int subtitleSize) {
        Graphics2D g = graphics(image);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(font(Font.BOLD, 18));
        centred(g, title, image.getWidth() / 2.0, 26);
        g.setFont(font(Font.PLAIN, subtitleSize));
        centred(g, subtitle, image.getWidth() / 2.0, 48);
        return g;
    }
}
