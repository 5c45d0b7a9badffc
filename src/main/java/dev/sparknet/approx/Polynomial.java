package dev.sparknet.approx;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A polynomial in one variable, coefficients highest degree first: {@code [1, 1, -1, -1]} is
 * x³ + x² − x − 1. Plain Java: parsing, evaluation (Horner) and its exact mean and variance over an
 * interval (the distribution of y = p(x) for x uniform there), which standardise the targets.
 */
public record Polynomial(double[] coefficients) implements Serializable {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** Leading zeros are dropped, so the degree is {@code coefficients().length - 1}; the zero polynomial keeps one 0. */
    public Polynomial {
        if (coefficients.length == 0) {
            throw new IllegalArgumentException("a polynomial needs at least one coefficient");
        }
        for (double c : coefficients) {
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("coefficients must be finite numbers, got " + c);
            }
        }
        int first = 0;
        while (first < coefficients.length - 1 && coefficients[first] == 0) {
            first++;
        }
        coefficients = Arrays.copyOfRange(coefficients, first, coefficients.length);
    }

    public static Polynomial of(double... coefficients) {
        return new Polynomial(coefficients);
    }

    /**
     * Parses comma-separated coefficients, highest degree first ({@code "1,1,-1,-1"}). Throws
     * {@link IllegalArgumentException} with a message saying what is wrong and where.
     */
    public static Polynomial parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected comma-separated coefficients, highest degree first (e.g. 1,1,-1,-1)");
        }
        String[] parts = text.split(",", -1);
        double[] c = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) {
                throw new IllegalArgumentException("coefficient " + (i + 1) + " of " + parts.length
                        + " is empty (e.g. 1,1,-1,-1: highest degree first)");
            }
            if (!NUMBER.matcher(part).matches()) {
                // Also keeps out what Java's parser would take but is no coefficient: NaN, Infinity, 0x1p3, 2d.
                throw new IllegalArgumentException("coefficient " + (i + 1) + " ('" + part + "') is not a number");
            }
            c[i] = Double.parseDouble(part);
            if (!Double.isFinite(c[i])) {
                throw new IllegalArgumentException("coefficient " + (i + 1) + " ('" + part + "') is too large");
            }
        }
        return new Polynomial(c);
    }

    public int degree() {
        return coefficients.length - 1;
    }

    /** p(x) by Horner's rule. */
    public double evaluate(double x) {
        double y = 0;
        for (double c : coefficients) {
            y = y * x + c;
        }
        return y;
    }

    public Polynomial times(Polynomial other) {
        double[] a = coefficients;
        double[] b = other.coefficients;
        double[] out = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                out[i + j] += a[i] * b[j];
            }
        }
        return new Polynomial(out);
    }

    /** ∫ p(x) dx from lo to hi, exactly (up to rounding). */
    public double integral(double lo, double hi) {
        double upper = 0;
        double lower = 0;
        int n = coefficients.length;
        for (int i = 0; i < n; i++) {
            int power = n - i; // the antiderivative of c x^(power-1) is c x^power / power
            upper = upper * hi + coefficients[i] / power;
            lower = lower * lo + coefficients[i] / power;
        }
        return upper * hi - lower * lo;
    }

    /** E[p(x)] for x uniform on [lo, hi]. */
    public double mean(double lo, double hi) {
        return integral(lo, hi) / (hi - lo);
    }

    /** Var[p(x)] for x uniform on [lo, hi]: E[p²] − E[p]², never negative. */
    public double variance(double lo, double hi) {
        double m = mean(lo, hi);
        double meanOfSquare = times(this).mean(lo, hi);
        return Math.max(0, meanOfSquare - m * m);
    }

    /** Human-readable, e.g. {@code x^3 + x^2 - x - 1}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < coefficients.length; i++) {
            double c = coefficients[i];
            int power = degree() - i;
            if (c == 0 && coefficients.length > 1) {
                continue;
            }
            if (s.isEmpty()) {
                s.append(c < 0 ? "-" : "");
            } else {
                s.append(c < 0 ? " - " : " + ");
            }
            double abs = Math.abs(c);
            if (abs != 1 || power == 0) {
                s.append(number(abs));
            }
            if (power >= 1) {
                s.append('x');
            }
            if (power >= 2) {
                s.append('^').append(power);
            }
        }
        return s.toString();
    }

    private static String number(double c) {
        return c == Math.rint(c) && Math.abs(c) < 1e15 ? Long.toString((long) c) : String.format(Locale.ROOT, "%s", c);
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Polynomial p && Arrays.equals(coefficients, p.coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients);
    }
}
