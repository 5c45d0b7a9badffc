package dev.sparknet.data;

/**
 * The one definition of how a pixel byte becomes a network input: {@code b / 255f}, in [0, 1]. Training,
 * evaluation, prediction and exported models must all agree to the last bit (multiplying by
 * {@code 1f / 255f} instead differs in the last bit for 126 of the 256 values).
 */
public final class PixelScaling {
    /** A pixel byte p (0..255) enters a network as the float32 p / MAX_PIXEL, in [0, 1]. */
    public static final float MAX_PIXEL = 255f;
    /** The same, in words, for models that leave this code (ONNX metadata, README). */
    public static final String IN_WORDS = "float32 input = uint8 pixel / 255, in [0, 1]";
    private static final float[] SCALED = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            SCALED[b] = b / MAX_PIXEL;
        }
    }

    private PixelScaling() {
    }

    public static float scale(byte pixel) {
        return SCALED[pixel & 0xff];
    }

    /** Scales {@code count} pixels from {@code src[from..]} into {@code dst[to..]}. */
    public static void scale(byte[] src, int from, float[] dst, int to, int count) {
        for (int i = 0; i < count; i++) {
            dst[to + i] = SCALED[src[from + i] & 0xff];
        }
    }
}
