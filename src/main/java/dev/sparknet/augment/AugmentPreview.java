package dev.sparknet.augment;

import dev.sparknet.data.CounterRandom;

import java.util.ArrayList;
import java.util.List;

/**
 * For augment.png: a few training images beside the distortions the training tasks give them in the
 * first epochs. Computed on the driver for these few images only, by the same pure function of
 * (seed, epoch, image) the executors use, so it shows exactly what training saw.
 */
public final class AugmentPreview {
    private AugmentPreview() {
    }

    /** The distortions training gives {@code original} (training image {@code image}) in epochs 1..n (first pass of each). */
    public static List<byte[]> distortions(ElasticSettings settings, int rows, int cols, long seed, int image,
                                           byte[] original, int epochs) {
        ElasticDistortion distortion = new ElasticDistortion(settings, rows, cols);
        List<byte[]> out = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            byte[] d = new byte[rows * cols];
            distortion.apply(original, 0, d, 0, CounterRandom.key(seed, epoch, 0, image));
            out.add(d);
        }
        return out;
    }

    /** Single-threaded cost of one distortion in microseconds, over {@code images} (rows x cols each, cycled). */
    public static double microsecondsPerImage(ElasticSettings settings, int rows, int cols, byte[] images, int count,
                                              int distortions) {
        ElasticDistortion distortion = new ElasticDistortion(settings, rows, cols);
        int f = rows * cols;
        byte[] out = new byte[f];
        long sink = 0;
        for (int i = 0; i < Math.min(distortions, 2000); i++) { // warm-up for the JIT
            distortion.apply(images, (i % count) * f, out, 0, CounterRandom.key(1, 0, 0, i));
            sink += out[i % f];
        }
        long start = System.nanoTime();
        for (int i = 0; i < distortions; i++) {
            distortion.apply(images, (i % count) * f, out, 0, CounterRandom.key(2, 0, 0, i));
            sink += out[i % f];
        }
        double micros = (System.nanoTime() - start) / 1e3 / distortions;
        return sink == Long.MIN_VALUE ? -1 : micros;
    }
}
