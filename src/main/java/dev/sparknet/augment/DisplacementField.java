package dev.sparknet.augment;

import dev.sparknet.data.CounterRandom;

import java.util.Arrays;

/**
 * The elastic part of a distortion: uniform noise in [-1, 1] on a grid {@link #gridStep} pixels apart,
 * smoothed by a Gaussian of width sigma and scaled so that its standard deviation (averaged over the
 * pixels) equals that of Simard's full-resolution field of the same alpha and sigma: alpha keeps its usual
 * meaning while the field costs a fraction of a full-resolution one (a field smoothed at sigma 4 has little
 * finer detail to lose). Both displacement components are kept interleaved so that each blur tap is one
 * pass over a long buffer. {@link ElasticDistortion} reads the grid and the interpolation tables directly,
 * in fixed point. Not thread-safe: it owns its buffers.
 */
final class DisplacementField {
    /** Field blur truncated at this many standard deviations (0.3% of the weight lies beyond). */
    private static final double TRUNCATE = 3.0;
    private static final int FIELD_STREAM = 0;

    final int gridCols;
    /** Floats (or ints) between one grid row and the next: the extended row stride, both components. */
    final int rowStride;
    final int[] rowNode;
    final int[] colNode;
    /** Fractions between a pixel's grid nodes, in 1/256. */
    final int[] colWeight;
    final int[] rowWeight;
    /** The field on the grid in 1/256 pixel, interleaved (x, y), rows {@link #rowStride} apart. */
    final int[] fixed;

    private final int gridRows;
    private final int extCols;
    private final float[] kernel;
    private final float scale;
    private final float[] rowFrac;
    private final float[] colFrac;
    /** Noise on the extended grid, (x, y) interleaved: [2 (r extCols + c) + component]. */
    private final float[] noise;
    /** After the vertical pass: gridRows x extCols, interleaved. */
    private final float[] vertical;
    /** The field on the grid: gridRows x gridCols, interleaved, rows extCols apart (see {@link #blur}). */
    private final float[] field;

    /** With the field made every {@code step} pixels (1 = full resolution, as Simard et al.). */
    DisplacementField(double alpha, double sigma, int rows, int cols, int step) {
        this.gridRows = (rows - 1) / step + 2;
        this.gridCols = (cols - 1) / step + 2;
        double gridSigma = sigma / step;
        int radius = (int) Math.ceil(TRUNCATE * gridSigma);
        this.extCols = gridCols + 2 * radius;
        this.rowStride = 2 * extCols;
        this.kernel = gaussian(gridSigma, radius);
        // std of a Gaussian-smoothed field of uniform noise is sqrt(1/3) * sum(k^2) (2-D, separable kernel):
        // match the coarse field's to Simard's full-resolution one
        // and undo, on average over the pixels, the variance that bilinear interpolation between nodes loses
        float[] fine = gaussian(sigma, (int) Math.ceil(4 * sigma));
        double interpolation = Math.sqrt(interpolatedVariance(cols, step, sigma) * interpolatedVariance(rows, step, sigma));
        this.scale = (float) (alpha * sumOfSquares(fine) / sumOfSquares(kernel) / interpolation);
        this.rowNode = new int[rows];
        this.rowFrac = new float[rows];
        this.colNode = new int[cols];
        this.colFrac = new float[cols];
        nodes(rowNode, rowFrac, step);
        nodes(colNode, colFrac, step);
        this.colWeight = weights(colFrac);
        this.rowWeight = weights(rowFrac);
        this.noise = new float[2 * (gridRows + 2 * radius) * extCols];
        this.vertical = new float[2 * gridRows * extCols];
        this.field = new float[2 * gridRows * extCols];
        this.fixed = new int[field.length];
    }

    /** Makes the smoothed, scaled field of {@code key}. */
    void make(long key) {
        long stream = CounterRandom.stream(key, FIELD_STREAM);
        for (int i = 0, counter = 0; i < noise.length; i += 4, counter++) {
            // four 16-bit uniforms per 64 random bits: plenty of resolution for noise that is then smoothed
            long bits = CounterRandom.bits(stream, counter);
            noise[i] = signed16(bits);
            noise[i + 1] = signed16(bits >>> 16);
            if (i + 2 < noise.length) {
                noise[i + 2] = signed16(bits >>> 32);
                noise[i + 3] = signed16(bits >>> 48);
            }
        }
        blur();
    }

    /** Uniform in [-1, 1) from the low 16 bits. */
    private static float signed16(long bits) {
        return (bits & 0xffff) * 0x1p-15f - 1f;
    }

    /**
     * Separable Gaussian blur of the extended noise grid into the grid proper, times fieldScale. Each tap
     * is one pass along the whole buffer (hundreds of floats, so it vectorises; a row is too short): the
     * vertical pass adds tap t's row offset, the horizontal one its column offset, and computes a few
     * values straddling two rows that nothing reads. The field keeps the extended row stride.
     */
    private void blur() {
        int taps = kernel.length;
        int extRow = 2 * extCols;
        int n = gridRows * extRow;
        Arrays.fill(vertical, 0, n, 0f);
        for (int t = 0; t < taps; t++) {
            float k = kernel[t];
            int shift = t * extRow;
            for (int j = 0; j < n; j++) {
                vertical[j] += k * noise[shift + j];
            }
        }
        int m = n - 2 * (taps - 1);
        Arrays.fill(field, 0, m, 0f);
        for (int t = 0; t < taps; t++) {
            float k = kernel[t] * scale;
            int shift = 2 * t;
            for (int j = 0; j < m; j++) {
                field[j] += k * vertical[shift + j];
            }
        }
        for (int j = 0; j < m; j++) {
            fixed[j] = (int) (256 * field[j]);
        }
    }

    /** Horizontal displacement at pixel (x, y) of the field last made (for tests and statistics). */
    float displacementX(int x, int y) {
        return interpolate(0, x, y);
    }

    float displacementY(int x, int y) {
        return interpolate(1, x, y);
    }

    private float interpolate(int component, int x, int y) {
        int down = 2 * extCols;
        int i = rowNode[y] * down + 2 * colNode[x] + component;
        return lerp(lerp(field[i], field[i + 2], colFrac[x]), lerp(field[i + down], field[i + down + 2], colFrac[x]),
                rowFrac[y]);
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }

    /** No displacement component can exceed this: the normalised blur of noise in [-1, 1] stays in [-1, 1]. */
    double maxComponent() {
        return scale;
    }

    /**
     * Spacing of the coarse grid in pixels: sigma rounded down, at least 1 (full resolution); 4 for sigma 4,
     * where the field's rms and its correlation 2 and 4 pixels away are those of the full-resolution field
     * within 1% and 0.03 (ElasticDistortionTest). Measured per 28x28 MNIST image on one core (CPU time,
     * shared machine): making the field ~1.7 us at spacing 4, ~3.6 at 3, ~9 at 2 and ~56 at full
     * resolution; the whole distortion ~7 us at spacing 4 and ~9 at 3.
     */
    static int gridStep(double sigma) {
        return Math.max(1, (int) Math.floor(sigma));
    }

    /** Standard deviation of each component of Simard's full-resolution field of the same alpha and sigma. */
    static double simardFieldStd(double alpha, double sigma) {
        return alpha * Math.sqrt(1 / 3.0) * sumOfSquares(gaussian(sigma, (int) Math.ceil(4 * sigma)));
    }

    /**
     * Mean, over {@code n} pixels, of the variance of a field interpolated linearly between nodes {@code step}
     * apart, relative to the nodes' own: (1-f)^2 + f^2 + 2 f (1-f) rho at fraction f, rho the correlation of
     * the smoothed field between neighbouring nodes, exp(-step^2 / (4 sigma^2)). 1 at full resolution.
     */
    static double interpolatedVariance(int n, int step, double sigma) {
        double rho = Math.exp(-(double) step * step / (4 * sigma * sigma));
        double sum = 0;
        for (int p = 0; p < n; p++) {
            double f = (p % step) / (double) step;
            sum += (1 - f) * (1 - f) + f * f + 2 * f * (1 - f) * rho;
        }
        return sum / n;
    }

    private static int[] weights(float[] fractions) {
        int[] out = new int[fractions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(256 * fractions[i]);
        }
        return out;
    }

    private static void nodes(int[] node, float[] frac, int step) {
        for (int p = 0; p < node.length; p++) {
            node[p] = p / step;
            frac[p] = (p % step) / (float) step;
        }
    }

    static float[] gaussian(double sigma, int radius) {
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            sum += Math.exp(-0.5 * i * i / (sigma * sigma));
        }
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) (Math.exp(-0.5 * i * i / (sigma * sigma)) / sum);
        }
        return k;
    }

    private static double sumOfSquares(float[] k) {
        double s = 0;
        for (float v : k) {
            s += (double) v * v;
        }
        return s;
    }
}
