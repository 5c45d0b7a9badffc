package dev.sparknet.data;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigitImagesTest {
    /** A "7"-ish stroke in MNIST's style: white on black, inside the central 20x20 box. */
    static byte[] digit() {
        byte[] p = new byte[28 * 28];
        for (int c = 8; c < 21; c++) {
            for (int r = 6; r < 9; r++) {
                p[r * 28 + c] = (byte) 255;
            }
        }
        for (int r = 9; r < 23; r++) {
            int c = 20 - (r - 9) / 2;
            p[r * 28 + c] = (byte) 230;
            p[r * 28 + c - 1] = (byte) 180;
        }
        return p;
    }

    static BufferedImage grey(byte[] pixels, int side, int scale, boolean invert) {
        BufferedImage image = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < side * scale; y++) {
            for (int x = 0; x < side * scale; x++) {
                int v = pixels[(y / scale) * side + x / scale] & 0xff;
                image.getRaster().setSample(x, y, 0, invert ? 255 - v : v);
            }
        }
        return image;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void a28x28GreyPngRoundTripsExactly() throws IOException {
        byte[] d = digit();
        assertArrayEquals(d, DigitImages.read(new ByteArrayInputStream(png(grey(d, 28, 1, false))), "d.png", DigitImages.SIDE));
    }

    @Test
    void darkOnWhiteIsInverted() throws IOException {
        byte[] d = digit();
        assertArrayEquals(d, DigitImages.read(new ByteArrayInputStream(png(grey(d, 28, 1, true))), "d.png", DigitImages.SIDE));
    }

    @Test
    void largeColourImagesAreNormalisedLikeMnist() throws IOException {
        byte[] d = digit();
        BufferedImage big = grey(d, 28, 5, true); // 140x140, black on white
        BufferedImage rgb = new BufferedImage(big.getWidth(), big.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(big, 0, 0, null);
        byte[] back = DigitImages.read(new ByteArrayInputStream(png(rgb)), "d.png", DigitImages.SIDE);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(rgb, "jpeg", jpeg);
        byte[] fromJpeg = DigitImages.read(new ByteArrayInputStream(jpeg.toByteArray()), "d.jpg", DigitImages.SIDE);
        assertEquals(28 * 28, back.length);
        // What the original itself becomes when normalised (box to 20x20, centred by mass): scale, colour
        // and inversion must not matter beyond rounding; JPEG's ringing widens the box a little.
        double[] original = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            original[i] = d[i] & 0xff;
        }
        double[] normalised = DigitImages.normalise(original, 28, 28, DigitImages.SIDE);
        byte[] expected = new byte[d.length];
        for (int i = 0; i < d.length; i++) {
            expected[i] = (byte) Math.round(normalised[i]);
        }
        assertTrue(correlation(expected, back) > 0.95, "PNG: correlation " + correlation(expected, back));
        assertTrue(correlation(expected, fromJpeg) > 0.7, "JPEG: correlation " + correlation(expected, fromJpeg));
    }

    @Test
    void notAnImage() {
        assertThrows(dev.sparknet.BadInputException.class,
                () -> DigitImages.read(new ByteArrayInputStream(new byte[]{1, 2, 3}), "x.png", DigitImages.SIDE));
    }

    @Test
    void aNetworkOfOtherSquareImagesGetsTheSameNormalisationAtItsSide() throws IOException {
        assertEquals(28, DigitImages.sideFor(784));
        assertEquals(14, DigitImages.sideFor(196));
        assertEquals(-1, DigitImages.sideFor(10));
        assertEquals(-1, DigitImages.sideFor(0));
        byte[] big = png(grey(digit(), 28, 4, true)); // 112x112, dark digit on white, as people draw
        byte[] at28 = DigitImages.read(new ByteArrayInputStream(big), "d.png", DigitImages.SIDE);
        byte[] at14 = DigitImages.read(new ByteArrayInputStream(big), "d.png", 14);
        assertEquals(14 * 14, at14.length);
        byte[] halved = new byte[14 * 14]; // the 28x28 result, 2x2 averaged: the same digit at half the side
        for (int y = 0; y < 14; y++) {
            for (int x = 0; x < 14; x++) {
                int sum = 0;
                for (int d = 0; d < 4; d++) {
                    sum += at28[(2 * y + d / 2) * 28 + 2 * x + d % 2] & 0xff;
                }
                halved[y * 14 + x] = (byte) Math.round(sum / 4.0);
            }
        }
        double r = correlation(at14, halved);
        assertTrue(r > 0.9, "correlation " + r);
    }

    static double correlation(byte[] a, byte[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] & 0xff;
            mb += b[i] & 0xff;
        }
        ma /= a.length;
        mb /= b.length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = (a[i] & 0xff) - ma;
            double y = (b[i] & 0xff) - mb;
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return ab / Math.sqrt(aa * bb);
    }
}
