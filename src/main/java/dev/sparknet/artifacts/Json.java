package dev.sparknet.artifacts;

import java.util.Collection;
import java.util.Map;

/**
 * A small JSON writer for metrics and manifests (maps, lists, numbers, strings, booleans, null),
 * pretty-printed so that people can read the files too. Non-finite numbers become null, as JSON has
 * no NaN.
 */
public final class Json {
    private Json() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.append('\n').toString();
    }

    /**
     * The same value on one line (no trailing newline), for line-per-record files such as runs.jsonl.
     * Strings escape their own line breaks, so every raw line break of the pretty form is layout.
     */
    public static String writeLine(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString().replaceAll("\n\\s*", "");
    }

    private static void write(Object value, StringBuilder out, int indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                pad(out, indent + 1);
                quote(String.valueOf(e.getKey()), out);
                out.append(": ");
                write(e.getValue(), out, indent + 1);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            pad(out, indent);
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            boolean flat = list.stream().noneMatch(v -> v instanceof Map || v instanceof Collection);
            if (flat) {
                out.append('[');
                int i = 0;
                for (Object v : list) {
                    write(v, out, indent);
                    if (++i < list.size()) {
                        out.append(", ");
                    }
                }
                out.append(']');
                return;
            }
            out.append("[\n");
            int i = 0;
            for (Object v : list) {
                pad(out, indent + 1);
                write(v, out, indent + 1);
                out.append(++i < list.size() ? ",\n" : "\n");
            }
            pad(out, indent);
            out.append(']');
        } else if (value instanceof double[] array) {
            write(java.util.Arrays.stream(array).boxed().toList(), out, indent);
        } else {
            quote(value.toString(), out);
        }
    }

    private static void pad(StringBuilder out, int indent) {
        out.append("  ".repeat(indent));
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
