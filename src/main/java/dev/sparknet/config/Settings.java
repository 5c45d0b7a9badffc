package dev.sparknet.config;

import dev.sparknet.BadInputException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The raw settings of one job after defaults, a properties file and flags were layered, each value
 * remembering where it came from; typed getters validate and, on a bad value, name the flag and the
 * source. Plain Java, so every validation rule is unit-testable.
 */
public final class Settings {
    private final Map<String, String> values;
    private final Map<String, String> sources;

    private Settings(Map<String, String> values, Map<String, String> sources) {
        this.values = Collections.unmodifiableMap(values);
        this.sources = Collections.unmodifiableMap(sources);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, String> values = new TreeMap<>();
        private final Map<String, String> sources = new TreeMap<>();

        public Builder put(String key, String value, String source) {
            values.put(key, value.trim());
            sources.put(key, source);
            return this;
        }

        public Settings build() {
            return new Settings(new TreeMap<>(values), new TreeMap<>(sources));
        }
    }

    public Map<String, String> asMap() {
        return values;
    }

    public boolean has(String key) {
        String v = values.get(key);
        return v != null && !v.isEmpty();
    }

    public Optional<String> optional(String key) {
        return has(key) ? Optional.of(values.get(key)) : Optional.empty();
    }

    public String required(String key) {
        return optional(key).orElseThrow(() -> new BadInputException("--" + key + " is required"));
    }

    public String string(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    public boolean flag(String key) {
        String v = values.get(key);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase()) {
            case "", "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw bad(key, "expected true or false");
        };
    }

    public int positiveInt(String key) {
        int value = anyInt(key);
        if (value <= 0) {
            throw bad(key, "must be a positive whole number");
        }
        return value;
    }

    public int nonNegativeInt(String key) {
        int value = anyInt(key);
        if (value < 0) {
            throw bad(key, "must be zero or a positive whole number");
        }
        return value;
    }

    public long anyLong(String key) {
        return parsed(key, Long::parseLong, "expected a whole number");
    }

    public double positiveDouble(String key) {
        double value = anyDouble(key);
        if (!(value > 0) || Double.isInfinite(value)) {
            throw bad(key, "must be a positive number");
        }
        return value;
    }

    public double anyDouble(String key) {
        double value = parsed(key, Double::parseDouble, "expected a number");
        if (Double.isNaN(value)) {
            throw bad(key, "expected a number");
        }
        return value;
    }

    /** A comma-separated list of positive whole numbers, e.g. {@code --hidden 1568,1568}. */
    public List<Integer> positiveIntList(String key) {
        String raw = required(key);
        List<Integer> out = new ArrayList<>();
        for (String part : raw.split(",", -1)) {
            try {
                int v = Integer.parseInt(part.trim());
                if (v <= 0) {
                    throw bad(key, "every entry must be a positive whole number (e.g. 1568 or 1568,1568)");
                }
                out.add(v);
            } catch (NumberFormatException e) {
                throw bad(key, "expected comma-separated positive whole numbers (e.g. 1568 or 1568,1568)");
            }
        }
        return out;
    }

    private int anyInt(String key) {
        return parsed(key, Integer::parseInt, "expected a whole number");
    }

    /** The required value as {@code parse} reads it; a value it cannot read names the flag and what was expected. */
    private <T> T parsed(String key, Function<String, T> parse, String expected) {
        try {
            return parse.apply(required(key));
        } catch (NumberFormatException e) {
            throw bad(key, expected);
        }
    }

    public BadInputException bad(String key, String problem) {
        String source = sources.getOrDefault(key, "flag");
        String where = source.equals("flag") ? "--" + key : "--" + key + " (from " + source + ")";
        return new BadInputException(where + ": " + problem + ", got '" + values.get(key) + "'");
    }
}
