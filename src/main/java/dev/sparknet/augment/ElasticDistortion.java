package dev.sparknet.augment;

import dev.sparknet.data.CounterRandom;

/**
 * Distorts one image: a random displacement field smoothed by a Gaussian of width sigma and scaled by
 * alpha (Simard et al. 2003, section 2), a small random affine change (rotation, scale, shear,
 * translation) about the image centre, and bilinear resampling; what falls outside the image is
 * background (0). Everything random comes from the image's key ({@link CounterRandom#key}).
 *
 * <p>Cost: it runs in the training tasks, beside fitting, which takes ~100 us per example and core, so it
 * must stay near 10 us per image. The field is made on a grid coarser than the pixels and interpolated
 * bilinearly ({@link DisplacementField}); resampling is in fixed point. Kernels and interpolation weights
 * are computed once per instance.
 *
 * <p>Not thread-safe (it owns its buffers): one instance per task or thread.
 */
public final class ElasticDistortion {
    private static final int AFFINE_STREAM = 1;
    /** Zero pixels around the source image: a clamped source point reads only background. */
    private static final int BORDER = 2;

    private final ElasticSettings settings;
    private final int rows;
    private final int cols;
    private final float centreX;
    private final float centreY;
    private final DisplacementField field;
    /** The field along one pixel row, at the grid's columns, interleaved, in 1/256 pixel. */
    private final int[] rowField;
    private final float[] affine = new float[6];
    private final int[] padded;
    private final int[] ink;

    public ElasticDistortion(ElasticSettings settings, int rows, int cols) {
        this(settings, rows, cols, DisplacementField.gridStep(settings.sigma()));
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
        this.field = new DisplacementField(settings.alpha(), settings.sigma(), rows, cols, step);
        this.rowField = new int[2 * field.gridCols];
        this.padded = new int[(rows + 2 * BORDER) * (cols + 2 * BORDER)];
        this.ink = new int[padded.length];
    }

    /** Writes the distortion of {@code src[srcOffset..]} (rows x cols, row-major) to {@code dst[dstOffset..]}. */
    public void apply(byte[] src, int srcOffset, byte[] dst, int dstOffset, long key) {
        boolean withField = settings.alpha() > 0;
        if (withField) {
            field.make(key);
        }
        makeAffine(key);
        warp(src, srcOffset, dst, dstOffset, affine, withField);
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
        int fieldRow = field.rowStride;
        int[] fieldFixed = field.fixed;
        int[] colNode = field.colNode;
        int[] colWeight = field.colWeight;
        for (int y = 0; y < rows; y++) {
            float oy = y - centreY;
            // position of pixel x in 1/65536 pixel: row start + x * (m0, m2)
            int rowX = fixed16(centreX - m[0] * centreX + m[1] * oy + m[4] + BORDER);
            int rowY = fixed16(centreY - m[2] * centreX + m[3] * oy + m[5] + BORDER);
            if (withField) {
                int node = field.rowNode[y] * fieldRow;
                int fr = field.rowWeight[y];
                for (int c = 0; c < rowField.length; c++) {
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

    /** Makes the field of {@code key} without warping anything (for tests and statistics). */
    void makeField(long key) {
        field.make(key);
    }

    /** Horizontal displacement at pixel (x, y) of the field last made (for tests and statistics). */
    float displacementX(int x, int y) {
        return field.displacementX(x, y);
    }

    float displacementY(int x, int y) {
        return field.displacementY(x, y);
    }

    /** No displacement component can exceed this: the normalised blur of noise in [-1, 1] stays in [-1, 1]. */
    double maxFieldComponent() {
        return field.maxComponent();
    }

    /** The affine part last made: {m00, m01, m10, m11, tx, ty}. */
    float[] affine() {
        return affine.clone();
    }

}
