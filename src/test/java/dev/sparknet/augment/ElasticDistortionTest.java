package dev.sparknet.augment;

import dev.sparknet.data.CounterRandom;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The distortion's math, without Spark: identity, exact affine cases, bounds, field statistics, determinism. */
class ElasticDistortionTest {
    private static final int SIDE = 28;
    private static final ElasticSettings RECIPE = new ElasticSettings(34, 4, 12, 0.12, 0.15, 0);
    private static final ElasticSettings NOTHING = new ElasticSettings(0, 4, 0, 0, 0, 0);

    private static byte[] noise(long seed) {
        byte[] image = new byte[SIDE * SIDE];
        new Random(seed).nextBytes(image);
        return image;
    }

    /** A digit-like image: a bright ring in the middle, black elsewhere (as MNIST, mostly background). */
    private static byte[] ring() {
        byte[] image = new byte[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double r = Math.hypot(x - 13.5, y - 13.5);
                if (r > 5 && r < 8) {
                    image[y * SIDE + x] = (byte) 230;
                }
            }
        }
        return image;
    }

    private static byte[] distort(ElasticSettings s, byte[] image, long key) {
        byte[] out = new byte[image.length];
        new ElasticDistortion(s, SIDE, SIDE).apply(image, 0, out, 0, key);
        return out;
    }

    private static int at(byte[] image, int x, int y) {
        return x < 0 || y < 0 || x >= SIDE || y >= SIDE ? 0 : image[y * SIDE + x] & 0xff;
    }

    @Test
    void noFieldAndNoAffineChangeIsTheIdentity() {
        for (long key = 0; key < 20; key++) {
            byte[] image = noise(key);
            assertArrayEquals(image, distort(NOTHING, image, key), "key " + key);
        }
    }

    @Test
    void integerTranslationShiftsEveryPixelAndFillsWithBackground() {
        byte[] image = noise(3);
        byte[] out = new byte[image.length];
        new ElasticDistortion(NOTHING, SIDE, SIDE).warp(image, 0, out, 0, new float[]{1, 0, 0, 1, 3, -2}, false);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                assertEquals(at(image, x + 3, y - 2), out[y * SIDE + x] & 0xff, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void quarterTurnAboutTheCentreIsExact() {
        byte[] image = noise(4);
        byte[] out = new byte[image.length];
        // source = centre + [[0, -1], [1, 0]] (p - centre): output (x, y) reads source (27 - y, x)
        new ElasticDistortion(NOTHING, SIDE, SIDE).warp(image, 0, out, 0, new float[]{0, -1, 1, 0, 0, 0}, false);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                assertEquals(at(image, SIDE - 1 - y, x), out[y * SIDE + x] & 0xff, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void halfPixelShiftAveragesNeighboursWithinOneGreyLevel() {
        byte[] image = noise(5);
        byte[] out = new byte[image.length];
        new ElasticDistortion(NOTHING, SIDE, SIDE).warp(image, 0, out, 0, new float[]{1, 0, 0, 1, 0.5f, 0}, false);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double exact = (at(image, x, y) + at(image, x + 1, y)) / 2.0;
                assertEquals(exact, out[y * SIDE + x] & 0xff, 1.0, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void sameKeySameDistortionOtherKeysOtherDistortions() {
        byte[] image = ring();
        byte[] a = distort(RECIPE, image, CounterRandom.key(42, 1, 0, 7));
        assertArrayEquals(a, distort(RECIPE, image, CounterRandom.key(42, 1, 0, 7)), "same seed, epoch, image");
        assertFalse(java.util.Arrays.equals(a, distort(RECIPE, image, CounterRandom.key(42, 2, 0, 7))), "next epoch");
        assertFalse(java.util.Arrays.equals(a, distort(RECIPE, image, CounterRandom.key(42, 1, 1, 7))), "second pass");
        assertFalse(java.util.Arrays.equals(a, distort(RECIPE, image, CounterRandom.key(43, 1, 0, 7))), "other seed");
        assertFalse(java.util.Arrays.equals(a, image), "the recipe's distortion changes the image");
    }

    @Test
    void oneInstanceDistortsLikeAFreshOne() {
        // an instance reuses its buffers: nothing of one image may leak into the next
        ElasticDistortion reused = new ElasticDistortion(RECIPE, SIDE, SIDE);
        byte[] out = new byte[SIDE * SIDE];
        for (long key = 0; key < 10; key++) {
            byte[] image = key % 2 == 0 ? ring() : noise(key);
            reused.apply(image, 0, out, 0, key);
            assertArrayEquals(distort(RECIPE, image, key), out, "key " + key);
        }
    }

    @Test
    void displacementIsBoundedAndHasSimardsStandardDeviation() {
        ElasticDistortion d = new ElasticDistortion(RECIPE, SIDE, SIDE);
        double bound = d.maxFieldComponent();
        // alpha 34 smoothed at sigma 4: a field component of at most ~17 pixels, ~1.4 rms (Simard's figures)
        assertTrue(bound > 0 && bound <= RECIPE.alpha(), "bound " + bound);
        double sumSquares = 0;
        double sum = 0;
        long n = 0;
        double max = 0;
        for (long key = 0; key < 400; key++) {
            d.makeField(key);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    for (double v : new double[]{d.displacementX(x, y), d.displacementY(x, y)}) {
                        sum += v;
                        sumSquares += v * v;
                        max = Math.max(max, Math.abs(v));
                        n++;
                    }
                }
            }
        }
        double rms = Math.sqrt(sumSquares / n);
        double simard = DisplacementField.simardFieldStd(RECIPE.alpha(), RECIPE.sigma());
        assertEquals(1.39, simard, 0.02, "Simard's field for alpha 34, sigma 4");
        assertEquals(simard, rms, 0.1 * simard, "rms displacement of the coarse-grid field");
        assertEquals(0, sum / n, 0.1, "mean displacement");
        assertTrue(max <= bound + 1e-4, "max " + max + " over bound " + bound);
        assertTrue(max < 8, "largest displacement " + max + " pixels: a digit must stay a digit");
    }

    /** rms of the horizontal component and its correlation with the value {@code lag} pixels to the right. */
    private static double[] fieldStatistics(ElasticDistortion d, int lag) {
        double sq = 0;
        double cross = 0;
        long n = 0;
        for (long key = 0; key < 300; key++) {
            d.makeField(key);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x + lag < SIDE; x++) {
                    double v = d.displacementX(x, y);
                    sq += v * v;
                    cross += v * d.displacementX(x + lag, y);
                    n++;
                }
            }
        }
        return new double[]{Math.sqrt(sq / n), cross / sq};
    }

    @Test
    void coarseGridFieldHasTheStatisticsOfTheFullResolutionOne() {
        double[] full = fieldStatistics(new ElasticDistortion(RECIPE, SIDE, SIDE, 1), 4);
        double[] coarse = fieldStatistics(new ElasticDistortion(RECIPE, SIDE, SIDE), 4);
        double simard = DisplacementField.simardFieldStd(RECIPE.alpha(), RECIPE.sigma());
        assertEquals(simard, full[0], 0.1 * simard, "full-resolution rms");
        assertEquals(full[0], coarse[0], 0.03 * full[0], "coarse-grid rms against full resolution");
        // a Gaussian-smoothed field's correlation at lag 4 with sigma 4: exp(-16 / (4 * 16)) = 0.78
        assertEquals(0.78, full[1], 0.05, "full-resolution correlation at 4 pixels");
        assertEquals(full[1], coarse[1], 0.03, "coarse-grid correlation at 4 pixels");
    }

    @Test
    void displacementScalesWithAlpha() {
        ElasticDistortion a = new ElasticDistortion(new ElasticSettings(10, 4, 0, 0, 0, 0), SIDE, SIDE);
        ElasticDistortion b = new ElasticDistortion(new ElasticSettings(30, 4, 0, 0, 0, 0), SIDE, SIDE);
        a.makeField(9);
        b.makeField(9);
        for (int y = 0; y < SIDE; y += 5) {
            for (int x = 0; x < SIDE; x += 5) {
                assertEquals(3 * a.displacementX(x, y), b.displacementX(x, y), 1e-4);
                assertEquals(3 * a.displacementY(x, y), b.displacementY(x, y), 1e-4);
            }
        }
    }

    @Test
    void affinePartStaysInItsRanges() {
        ElasticDistortion d = new ElasticDistortion(new ElasticSettings(0, 4, 12, 0.12, 0.15, 2), SIDE, SIDE);
        double maxAngle = 0;
        for (long key = 0; key < 2000; key++) {
            d.makeAffine(key);
            float[] m = d.affine();
            // first column = rotation x (sx, 0): its angle is the rotation, its length the horizontal scale
            double angle = Math.toDegrees(Math.atan2(m[2], m[0]));
            double sx = Math.hypot(m[0], m[2]);
            double det = m[0] * m[3] - m[1] * m[2]; // sx * sy
            assertTrue(Math.abs(angle) <= 12 + 1e-3, "rotation " + angle);
            assertTrue(Math.abs(sx - 1) <= 0.12 + 1e-4, "scale " + sx);
            double sy = det / sx;
            assertTrue(Math.abs(sy - 1) <= 0.12 + 1e-4, "scale " + sy);
            assertTrue(Math.abs(m[4]) <= 2 && Math.abs(m[5]) <= 2, "translation " + m[4] + "," + m[5]);
            maxAngle = Math.max(maxAngle, Math.abs(angle));
        }
        assertTrue(maxAngle > 11, "rotations cover the range: largest " + maxAngle);
    }

    @Test
    void aDistortedDigitKeepsItsInkAndStaysNearTheCentre() {
        byte[] image = ring();
        double ink = 0;
        for (byte b : image) {
            ink += b & 0xff;
        }
        for (long key = 0; key < 50; key++) {
            byte[] out = distort(RECIPE, image, key);
            double total = 0;
            double cx = 0;
            double cy = 0;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    int v = out[y * SIDE + x] & 0xff;
                    total += v;
                    cx += v * x;
                    cy += v * y;
                }
            }
            // scale alone changes a stroke's area by up to 29%, the field stretches and squeezes it locally
            assertTrue(total > 0.5 * ink && total < 2 * ink, "ink of distortion " + key + ": " + total + " of " + ink);
            assertEquals(13.5, cx / total, 2.5, "centre of mass x, key " + key);
            assertEquals(13.5, cy / total, 2.5, "centre of mass y, key " + key);
        }
    }

    @Test
    void settingsOutsideTheirRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ElasticSettings(-1, 4, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ElasticSettings(34, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ElasticSettings(34, 4, 180, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ElasticSettings(34, 4, 0, 1, 0, 0));
    }

    @Test
    void gridIsCoarserThanThePixelsOnlyWhenTheFieldIsSmooth() {
        assertEquals(4, DisplacementField.gridStep(4));
        assertEquals(2, DisplacementField.gridStep(2.5));
        assertEquals(1, DisplacementField.gridStep(1));
        assertEquals(1, DisplacementField.gridStep(0.5));
    }
}
