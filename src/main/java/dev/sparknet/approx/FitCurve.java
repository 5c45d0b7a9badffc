package dev.sparknet.approx;

import java.util.Locale;

/** Target and prediction at the same points x (ascending) over the plotted span: what fit.png draws. */
record FitCurve(double[] x, double[] target, double[] prediction) {

    /** curve.csv: a header, then one row per point. */
    String csv() {
        StringBuilder s = new StringBuilder("x,target,prediction\n");
        for (int i = 0; i < x.length; i++) {
            s.append(String.format(Locale.ROOT, "%.6g,%.9g,%.9g%n", x[i], target[i], prediction[i]));
        }
        return s.toString();
    }
}
