package dev.sparknet.augment;

import java.io.Serializable;

/**
 * One elastic distortion's ranges (Simard, Steinkraus and Platt 2003, section 2, plus small affine changes).
 *
 * @param alpha            scale of the smoothed random displacement field, in pixels per unit of field
 *                         (Simard's alpha: 34 with sigma 4 moves a pixel by ~1.4 pixels rms)
 * @param sigma            width of the Gaussian that smooths the field, in pixels: smaller is more local, wigglier
 * @param rotationDegrees  rotation drawn uniformly from [-r, r] degrees
 * @param scale            horizontal and vertical scale each drawn uniformly from [1-s, 1+s]
 * @param shear            horizontal shear factor drawn uniformly from [-h, h]
 * @param translation      shift in pixels, horizontal and vertical each drawn uniformly from [-t, t]
 */
public record ElasticSettings(double alpha, double sigma, double rotationDegrees, double scale, double shear,
                              double translation) implements Serializable {

    public ElasticSettings {
        check(alpha >= 0 && alpha <= 1000, "alpha must be in [0, 1000]");
        check(sigma > 0 && sigma <= 100, "sigma must be in (0, 100]");
        check(rotationDegrees >= 0 && rotationDegrees < 180, "rotation must be in [0, 180) degrees");
        check(scale >= 0 && scale < 1, "scale must be in [0, 1)");
        check(shear >= 0 && shear <= 2, "shear must be in [0, 2]");
        check(translation >= 0 && translation <= 100, "translation must be in [0, 100] pixels");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
