package dev.sparknet.data;

/**
 * Random numbers as a pure function of a key and a counter (SplitMix64's finaliser), so that the
 * distortion of an image depends only on (seed, epoch, draw, image index): not on which task, thread or
 * partition makes it, nor on what was drawn before.
 */
public final class CounterRandom {
    private static final long GAMMA = 0x9e3779b97f4a7c15L;

    private CounterRandom() {
    }

    /** SplitMix64's output function: a bijection of 64-bit values with good avalanche. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The key of one image's distortion in one epoch; {@code draw} counts repeats of the image within the epoch. */
    public static long key(long seed, int epoch, int draw, int image) {
        long k = mix(seed + GAMMA);
        k = mix(k + GAMMA * (epoch + 1L));
        k = mix(k + GAMMA * (draw + 1L));
        return mix(k + GAMMA * (image + 1L));
    }

    /** A sub-stream of {@code key}, e.g. one for the displacement field and one for the affine part. */
    public static long stream(long key, int stream) {
        return mix(key ^ GAMMA * (stream + 1L));
    }

    /** The counter-th 64 random bits of {@code key}. */
    public static long bits(long key, long counter) {
        return mix(key + GAMMA * counter);
    }

    /** Uniform in [-1, 1), from the top 24 bits of {@code bits}. */
    public static float signedHigh(long bits) {
        return (bits >>> 40) * 0x1p-23f - 1f;
    }

    /** Uniform in [-1, 1), from the low 24 bits of {@code bits}. */
    public static float signedLow(long bits) {
        return (bits & 0xffffffL) * 0x1p-23f - 1f;
    }
}
