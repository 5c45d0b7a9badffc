package dev.sparknet.augment;

import java.util.Arrays;

/**
 * Distorts one image: a random displacement field smoothed by a Gaussian of width sigma and scaled by
 * alpha (Simard et al. 2003, section 2), a small random affine change (rotation, scale, shear,
 * translation) about the image centre, and bilinear resampling; what falls outside the image is
 * background (0). Everything random comes from the image's key ({@link CounterRandom#key}).
 *
 * <p>Cost: it runs in the training tasks, beside fitting, which takes ~100 us per example and core, so it
 * must stay near 10 us per image. The field is made on a grid coarser than the pixels ({@link #gridStep})
 * and interpolated bilinearly: a field smoothed at sigma 4 has little finer detail to lose. The coarse
 * field is scaled so that its standard deviation (averaged over the pixels) equals that of Simard's
 * full-resolution field of the same alpha and sigma, so alpha keeps its usual meaning. Both displacement components are kept
 * interleaved so that each blur tap is one pass over a long buffer. Resampling is in fixed point.
 * Kernels and interpolation weights are computed once per instance.
 *
 * <p>Not thread-safe (it owns its buffers): one instance per task or thread.
 */
public final class ElasticDistortion {
    /** Field blur truncated at this many standard deviations (0.3% of the weight lies beyond). */
    private static final double TRUNCATE = 3.0;
    private static final int FIELD_STREAM = 0;
    private static final int AFFINE_STREAM = 1;
    /** Zero pixels around the source image: a clamped source point reads only background. */
    private static final int BORDER = 2;

    private final ElasticSettings settings;
    private final int rows;
    private final int cols;
    private final float centreX;
    private final float centreY;
    private final int step;
    private final int gridRows;
    private final int gridCols;
    private final int radius;
    private final int extCols;
    private final float[] kernel;
    private final float fieldScale;
    private final int[] rowNode;
    private final float[] rowFrac;
    private final int[] colNode;
    private final float[] colFrac;
    /** colFrac and rowFrac in 1/256. */
    private final int[] colWeight;
    private final int[] rowWeight;
    /** Noise on the extended grid, (x, y) interleaved: [2 (r extCols + c) + component]. */
    private final float[] noise;
    /** After the vertical pass: gridRows x extCols, interleaved. */
    private final float[] vertical;
    /** The field on the grid: gridRows x gridCols, interleaved, rows extCols apart (see {@link #blur}). */
    private final float[] field;
    /** The field in 1/256 pixel. */
    private final int[] fieldFixed;
    /** The field along one pixel row, at the grid's columns, interleaved, in 1/256 pixel. */
    private final int[] rowField;
    private final float[] affine = new float[6];
    private final int[] padded;
    private final int[] ink;

    public ElasticDistortion(ElasticSettings settings, int rows, int cols) {
        this(settings, rows, cols, gridStep(settings.sigma()));
    }

    /** With the field made every {@code step} pixels (1 = full resolution, as Simard et al.). */
    ElasticDistortion(ElasticSettings settings, int rows, int cols, int step) {
        if (rows < 1 || cols < 1 || step < 1) {
            throw new IllegalArgumentException("image of " + rows + "x" + cols + ", grid every " + step + " pixels");
        }
        this.settings = settings;
        this.rows = rows;
        this.cols = cols;
        this.centreX = (cols - 1) / 2f;
        this.centreY = (rows - 1) / 2f;
        this.step = step;
        this.gridRows = (rows - 1) / step + 2;
        this.gridCols = (cols - 1) / step + 2;
        double gridSigma = settings.sigma() / step;
        this.radius = (int) Math.ceil(TRUNCATE * gridSigma);
        this.extCols = gridCols + 2 * radius;
        this.kernel = gaussian(gridSigma, radius);
        // std of a Gaussian-smoothed field of uniform noise is sqrt(1/3) * sum(k^2) (2-D, separable kernel):
        // match the coarse field's to Simard's full-resolution one
        // and undo, on average over the pixels, the variance that bilinear interpolation between nodes loses
        float[] fine = gaussian(settings.sigma(), (int) Math.ceil(4 * settings.sigma()));
        double interpolation = Math.sqrt(interpolatedVariance(cols, step, settings.sigma())
                * interpolatedVariance(rows, step, settings.sigma()));
        this.fieldScale = (float) (settings.alpha() * sumOfSquares(fine) / sumOfSquares(kernel) / interpolation);
        this.rowNode = new int[rows];
        this.rowFrac = new float[rows];
        this.colNode = new int[cols];
        this.colFrac = new float[cols];
        nodes(rowNode, rowFrac, step);
        nodes(colNode, colFrac, step);
        this.noise = new float[2 * (gridRows + 2 * radius) * extCols];
        this.vertical = new float[2 * gridRows * extCols];
        this.field = new float[2 * gridRows * extCols];
        this.rowField = new int[2 * gridCols];
        this.fieldFixed = new int[field.length];
        this.colWeight = weights(colFrac);
        this.rowWeight = weights(rowFrac);
        this.padded = new int[(rows + 2 * BORDER) * (cols + 2 * BORDER)];
        this.ink = new int[padded.length];
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

    /** Writes the distortion of {@code src[srcOffset..]} (rows x cols, row-major) to {@code dst[dstOffset..]}. */
    public void apply(byte[] src, int srcOffset, byte[] dst, int dstOffset, long key) {
        boolean withField = settings.alpha() > 0;
        if (withField) {
            makeField(key);
        }
        makeAffine(key);
        warp(src, srcOffset, dst, dstOffset, affine, withField);
    }

    /** The smoothed, scaled displacement field of {@code key} on the coarse grid. */
    void makeField(long key) {
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
            float k = kernel[t] * fieldScale;
            int shift = 2 * t;
            for (int j = 0; j < m; j++) {
                field[j] += k * vertical[shift + j];
            }
        }
        for (int j = 0; j < m; j++) {
            fieldFixed[j] = (int) (256 * field[j]);
        }
    }

    /** Rotation, scale, shear and translation of {@code key}: {m00, m01, m10, m11, tx, ty}, source from output. */
    void makeAffine(long key) {
        long stream = CounterRandom.stream(key, AFFINE_STREAM);
        long b0 = CounterRandom.bits(stream, 0);
        long b1 = CounterRandom.bits(stream, 1);
        long b2 = CounterRandom.bits(stream, 2);
        double angle = Math.toRadians(settings.rotationDegrees() * CounterRandom.signedHigh(b0));
        double sx = 1 + settings.scale() * CounterRandom.signedLow(b0);
        double sy = 1 + settings.scale() * CounterRandom.signedHigh(b1);
        double shear = settings.shear() * CounterRandom.signedLow(b1);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        // rotation x (scale with shear): [[c, -s], [s, c]] x [[sx, shear], [0, sy]]
        affine[0] = (float) (cos * sx);
        affine[1] = (float) (cos * shear - sin * sy);
        affine[2] = (float) (sin * sx);
        affine[3] = (float) (sin * shear + cos * sy);
        affine[4] = (float) (settings.translation() * CounterRandom.signedHigh(b2));
        affine[5] = (float) (settings.translation() * CounterRandom.signedLow(b2));
    }

    /**
     * For each output pixel p: source point = centre + M (p - centre) + t (+ field(p)); the output is the
     * source image there, bilinearly interpolated, rounded to a byte. All per-pixel arithmetic is in fixed
     * point (positions in 1/256 pixel, weights in 1/256), which costs a fraction of the same in floats:
     * each pixel is then a few integer operations and four reads. Values are within one grey level of the
     * exact bilinear value, and exact where no interpolation is needed. The source is first copied into an
     * image with a zero border of {@link #BORDER} pixels and source points are clamped into it, so a point
     * outside the image reads background without a test per corner; a point whose four neighbours are all
     * background (most of an MNIST image) is 0 without interpolating.
     */
    void warp(byte[] src, int srcOffset, byte[] dst, int dstOffset, float[] m, boolean withField) {
        int w = cols + 2 * BORDER;
        for (int y = 0; y < rows; y++) {
            int in = srcOffset + y * cols;
            int o = (y + BORDER) * w + BORDER;
            for (int x = 0; x < cols; x++) {
                padded[o + x] = src[in + x] & 0xff;
            }
        }
        for (int i = 0; i + w + 1 < padded.length; i++) {
            ink[i] = padded[i] | padded[i + 1] | padded[i + w] | padded[i + w + 1];
        }
        // the largest padded position (1/256 pixel) whose right/lower neighbour is still inside the padded image
        int maxX = (w - 1) * 256 - 1;
        int maxY = (rows + 2 * BORDER - 1) * 256 - 1;
        int m0 = fixed16(m[0]);
        int m2 = fixed16(m[2]);
        int fieldRow = 2 * extCols;
        for (int y = 0; y < rows; y++) {
            float oy = y - centreY;
            // position of pixel x in 1/65536 pixel: row start + x * (m0, m2)
            int rowX = fixed16(centreX - m[0] * centreX + m[1] * oy + m[4] + BORDER);
            int rowY = fixed16(centreY - m[2] * centreX + m[3] * oy + m[5] + BORDER);
            if (withField) {
                int node = rowNode[y] * fieldRow;
                int fr = rowWeight[y];
                for (int c = 0; c < 2 * gridCols; c++) {
                    int top = fieldFixed[node + c];
                    rowField[c] = top + (((fieldFixed[node + fieldRow + c] - top) * fr) >> 8);
                }
            }
            int out = dstOffset + y * cols;
            for (int x = 0; x < cols; x++) {
                int px = (rowX + m0 * x) >> 8;
                int py = (rowY + m2 * x) >> 8;
                if (withField) {
                    int c = 2 * colNode[x];
                    int fc = colWeight[x];
                    px += rowField[c] + (((rowField[c + 2] - rowField[c]) * fc) >> 8);
                    py += rowField[c + 1] + (((rowField[c + 3] - rowField[c + 1]) * fc) >> 8);
                }
                px = px < 0 ? 0 : Math.min(px, maxX);
                py = py < 0 ? 0 : Math.min(py, maxY);
                int i = (py >> 8) * w + (px >> 8);
                if (ink[i] == 0) {
                    dst[out + x] = 0;
                    continue;
                }
                int fx = px & 255;
                int fy = py & 255;
                int top = padded[i] * (256 - fx) + padded[i + 1] * fx;
                int bottom = padded[i + w] * (256 - fx) + padded[i + w + 1] * fx;
                dst[out + x] = (byte) ((top * (256 - fy) + bottom * fy + 32768) >> 16);
            }
        }
    }

    private static int fixed16(float v) {
        return Math.round(v * 65536f);
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
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

    /** No displacement component can exceed this: the normalised blur of noise in [-1, 1] stays in [-1, 1]. */
    double maxFieldComponent() {
        return fieldScale;
    }

    /** The affine part last made: {m00, m01, m10, m11, tx, ty}. */
    float[] affine() {
        return affine.clone();
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
