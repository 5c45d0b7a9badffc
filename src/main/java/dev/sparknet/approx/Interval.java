package dev.sparknet.approx;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A closed interval [lo, hi] of the real line with lo < hi, written {@code LO..HI} (or {@code LO,HI}) on the command line. */
public record Interval(double lo, double hi) implements Serializable {

    public Interval {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new IllegalArgumentException("expected LO..HI with finite LO < HI (e.g. -5..5)");
        }
    }

    /** Parses {@code -5..5} or {@code -5,5}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static Interval parse(String text) {
        String t = text == null ? "" : text.trim();
        String[] parts = t.contains("..") ? t.split("\\.\\.", -1) : t.split(",", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected LO..HI (e.g. -5..5)");
        }
        double lo;
        double hi;
        try {
            lo = Double.parseDouble(parts[0].trim());
            hi = Double.parseDouble(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected two numbers LO..HI (e.g. -5..5)");
        }
        return new Interval(lo, hi);
    }

    public double width() {
        return hi - lo;
    }

    /** Whether {@code inner} lies inside this interval. */
    public boolean encloses(Interval inner) {
        return lo <= inner.lo && inner.hi <= hi;
    }

    /**
     * The parts of this interval outside {@code inner}, which it must enclose, left first: [-7, 7] outside
     * [-5, 5] is [-7, -5] and [5, 7]; empty when the two are equal.
     */
    public List<Interval> outside(Interval inner) {
        if (!encloses(inner)) {
            throw new IllegalArgumentException(this + " does not enclose " + inner);
        }
        List<Interval> parts = new ArrayList<>();
        if (lo < inner.lo) {
            parts.add(new Interval(lo, inner.lo));
        }
        if (inner.hi < hi) {
            parts.add(new Interval(inner.hi, hi));
        }
        return parts;
    }

    /** The point at fraction {@code u} (0..1) of the way from lo to hi. */
    public double at(double u) {
        return lo + u * (hi - lo);
    }

    public List<Double> toList() {
        return List.of(lo, hi);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%s, %s]", trim(lo), trim(hi));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
