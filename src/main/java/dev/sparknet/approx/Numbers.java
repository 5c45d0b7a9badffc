package dev.sparknet.approx;

import java.util.Locale;

/** Numbers as the log lines and fit.png show them: four significant digits, or one decimal from 100 up. */
final class Numbers {
    private Numbers() {
    }

    static String brief(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 || v == 0 ? "%.1f" : "%.4g", v);
    }
}
