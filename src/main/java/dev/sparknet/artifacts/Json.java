package dev.sparknet.artifacts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;

/**
 * The one JSON mapper: every file this job writes or reads (metrics.json, bench.json, manifest.json,
 * runs.jsonl, run.json, checkpoint.json, the lock) goes through it, as records. Record components are
 * camelCase in Java and snake_case in the files. JSON has no NaN: a non-finite number is written as
 * null, and a null read into a {@code double} is NaN again (a diverged loss stays a diverged loss).
 * Unknown fields are ignored when reading, so newer files stay readable by older code.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("sparknet-numbers")
                    .addSerializer(Double.class, new NonFiniteAsNull<>())
                    .addSerializer(double.class, new NonFiniteAsNull<>())
                    .addSerializer(Float.class, new NonFiniteAsNull<>())
                    .addSerializer(float.class, new NonFiniteAsNull<>())
                    .addSerializer(double[].class, new DoublesNonFiniteAsNull())
                    .addDeserializer(double.class, new NullAsNaN()))
            .build();

    private Json() {
    }

    /** Pretty-printed, ending in a newline: for files people read too. */
    public static String write(Object value) {
        try {
            return MAPPER.writer(new Layout()).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** On one line (no trailing newline), for line-per-record files such as runs.jsonl. */
    public static String writeLine(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses {@code json} as a {@code type}; malformed text is an {@link IllegalArgumentException} naming {@code what}. */
    public static <T> T read(String json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + ": not valid JSON for " + type.getSimpleName() + " ("
                    + e.getOriginalMessage() + ")", e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** Two-space indentation, {@code "key": value} and arrays on one line ({@code [1, 2, 3]}), as people write JSON. */
    private static final class Layout extends DefaultPrettyPrinter {
        Layout() {
            indentObjectsWith(new com.fasterxml.jackson.core.util.DefaultIndenter("  ", "\n"));
            indentArraysWith(NopIndenter.instance);
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            g.writeRaw(']');
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            if (entries == 0) {
                _nesting--; // as the superclass does, but "{}" rather than "{ }"
                g.writeRaw('}');
                return;
            }
            super.writeEndObject(g, entries);
        }

        @Override
        public Layout createInstance() {
            return new Layout();
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }
    }

    private static final class NonFiniteAsNull<T extends Number> extends JsonSerializer<T> {
        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
            double d = value.doubleValue();
            if (Double.isFinite(d)) {
                if (value instanceof Float f) {
                    g.writeNumber(f);
                } else {
                    g.writeNumber(d);
                }
            } else {
                g.writeNull();
            }
        }
    }

    private static final class DoublesNonFiniteAsNull extends JsonSerializer<double[]> {
        @Override
        public void serialize(double[] values, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartArray(values, values.length);
            for (double d : values) {
                if (Double.isFinite(d)) {
                    g.writeNumber(d);
                } else {
                    g.writeNull();
                }
            }
            g.writeEndArray();
        }
    }

    private static final class NullAsNaN extends StdDeserializer<Double> {
        NullAsNaN() {
            super(double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return p.getValueAsDouble(Double.NaN);
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }
}
