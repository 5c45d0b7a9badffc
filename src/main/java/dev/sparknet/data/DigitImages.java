package dev.sparknet.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.InputStream;
import java.util.Locale;

/**
 * Turns an image of a digit (PNG or JPEG, any size, colour or grey) into what the network was trained
 * on: side x side unsigned grey bytes (28x28 for MNIST), white digit on black. Plain Java (javax.imageio), run on
 * executors.
 *
 * <ol>
 *   <li>grey = luminance, transparency composited over white;</li>
 *   <li>a mostly white image (mean above mid-grey) is inverted: people draw dark digits on white;</li>
 *   <li>a 28x28 image is kept as it is (MNIST's own images round-trip exactly); any other size is
 *       normalised as MNIST was built: the digit's bounding box scaled (area-averaging, aspect kept) to
 *       fit 20x20 and placed in 28x28 with its centre of mass at the centre (for another side, the box keeps
 *       MNIST's proportion: 20/28 of the side).</li>
 * </ol>
 */
public final class DigitImages {
    public static final int SIDE = 28;
    static final int BOX = 20;
    /** Pixels at or below this (after inversion) do not count towards the digit's bounding box. */
    static final int INK = 16;

    private DigitImages() {
    }

    public static boolean isImageName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /**
     * The file {@code name}, read and decoded within {@link UntrustedImage}'s bounds, as the pixels of a network
     * trained on {@code side} x {@code side} images ({@link #SIDE} for MNIST).
     */
    public static byte[] read(InputStream in, String name, int side) {
        return toSquare(UntrustedImage.read(in, name), side);
    }

    /** The side of the square images a network of {@code inputs} takes, or -1 when that is not a square. */
    public static int sideFor(long inputs) {
        long side = Math.round(Math.sqrt(inputs));
        return side * side == inputs && side > 0 && side <= UntrustedImage.DECODE_SIDE ? (int) side : -1;
    }

    static byte[] toSquare(BufferedImage image, int side) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] grey = grey(image);
        double mean = 0;
        for (double v : grey) {
            mean += v;
        }
        if (mean / grey.length > 127.5) {
            for (int i = 0; i < grey.length; i++) {
                grey[i] = 255 - grey[i];
            }
        }
        double[] out = w == side && h == side ? grey : normalise(grey, w, h, side);
        byte[] bytes = new byte[side * side];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Math.max(0, Math.min(255, Math.round(out[i])));
        }
        return bytes;
    }

    /** Luminance 0..255 per pixel; grey images read from their raster (no colour-space conversion). */
    static double[] grey(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] out = new double[w * h];
        Raster raster = image.getRaster();
        boolean greyModel = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && raster.getNumBands() <= 2;
        int bits = raster.getSampleModel().getSampleSize(0);
        double max = (1 << bits) - 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v;
                double alpha;
                if (greyModel) {
                    v = raster.getSample(x, y, 0) * 255 / max;
                    alpha = raster.getNumBands() == 2 ? raster.getSample(x, y, 1) * 255 / max : 255;
                } else {
                    int argb = image.getRGB(x, y);
                    alpha = image.getColorModel().hasAlpha() ? argb >>> 24 : 255;
                    v = 0.299 * (argb >> 16 & 0xff) + 0.587 * (argb >> 8 & 0xff) + 0.114 * (argb & 0xff);
                }
                out[y * w + x] = (v * alpha + 255 * (255 - alpha)) / 255;
            }
        }
        return out;
    }

    /** Bounding box to 20x20 (aspect kept), then centred by centre of mass in 28x28 (or in proportion). */
    static double[] normalise(double[] grey, int w, int h, int side) {
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (grey[y * w + x] > INK) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (x1 < 0) {
            return resample(grey, w, h, side, side); // blank: nothing to centre
        }
        int bw = x1 - x0 + 1;
        int bh = y1 - y0 + 1;
        double[] box = new double[bw * bh];
        for (int y = 0; y < bh; y++) {
            System.arraycopy(grey, (y0 + y) * w + x0, box, y * bw, bw);
        }
        int boxSide = side == SIDE ? BOX : Math.max(1, (int) Math.round(side * (double) BOX / SIDE));
        double scale = (double) boxSide / Math.max(bw, bh);
        int tw = Math.max(1, (int) Math.round(bw * scale));
        int th = Math.max(1, (int) Math.round(bh * scale));
        double[] digit = resample(box, bw, bh, tw, th);
        double sum = 0;
        double cx = 0;
        double cy = 0;
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                double v = digit[y * tw + x];
                sum += v;
                cx += v * x;
                cy += v * y;
            }
        }
        int left = sum > 0 ? (int) Math.round(side / 2.0 - 0.5 - cx / sum) : (side - tw) / 2;
        int top = sum > 0 ? (int) Math.round(side / 2.0 - 0.5 - cy / sum) : (side - th) / 2;
        left = Math.max(0, Math.min(side - tw, left));
        top = Math.max(0, Math.min(side - th, top));
        double[] out = new double[side * side];
        for (int y = 0; y < th; y++) {
            System.arraycopy(digit, y * tw, out, (top + y) * side + left, tw);
        }
        return out;
    }

    /** Area-averaging resample (each target pixel the mean of the source area it covers), separable. */
    static double[] resample(double[] src, int sw, int sh, int tw, int th) {
        double[] rows = new double[tw * sh];
        for (int y = 0; y < sh; y++) {
            resample1d(src, y * sw, 1, sw, rows, y * tw, 1, tw);
        }
        double[] out = new double[tw * th];
        for (int x = 0; x < tw; x++) {
            resample1d(rows, x, tw, sh, out, x, tw, th);
        }
        return out;
    }

    private static void resample1d(double[] src, int srcOff, int srcStride, int n, double[] dst, int dstOff,
                                   int dstStride, int m) {
        double step = (double) n / m;
        for (int i = 0; i < m; i++) {
            double from = i * step;
            double to = from + step;
            double sum = 0;
            for (int s = (int) Math.floor(from); s < Math.min(n, Math.ceil(to)); s++) {
                double overlap = Math.min(to, s + 1) - Math.max(from, s);
                if (overlap > 0) {
                    sum += overlap * src[srcOff + s * srcStride];
                }
            }
            dst[dstOff + i * dstStride] = sum / step;
        }
    }
}
