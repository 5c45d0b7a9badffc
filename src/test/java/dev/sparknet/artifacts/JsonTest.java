package dev.sparknet.artifacts;

// ND4J's shaded Jackson: the com.fasterxml one on the test classpath is unusable (Maven resolves Spark's
// jackson-databind 2.15.2 against avro's older jackson-core 2.14.3, so parsing throws NoClassDefFoundError).
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode roundTrip(Object value) throws Exception {
        String json = Json.write(value);
        assertTrue(json.endsWith("\n"), "output ends with a newline");
        return MAPPER.readTree(json);
    }

    @Test
    void escapesStrings() throws Exception {
        String nasty = "quote \" backslash \\ newline \n return \r tab \t bell \u0007 nul \u0000 unicode é ✓";
        JsonNode node = roundTrip(Map.of("s", nasty));
        assertEquals(nasty, node.get("s").asText());
        String json = Json.write(nasty);
        assertEquals("\"quote \\\" backslash \\\\ newline \\n return \\r tab \\t bell \\u0007 nul \\u0000 unicode é ✓\"\n", json);
    }

    @Test
    void escapesKeys() throws Exception {
        JsonNode node = roundTrip(Map.of("a\"b\\c", 1));
        assertEquals(1, node.get("a\"b\\c").asInt());
    }

    @Test
    void nonFiniteNumbersBecomeNull() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nan", Double.NaN);
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("ninf", Double.NEGATIVE_INFINITY);
        m.put("fnan", Float.NaN);
        m.put("finite", 0.25);
        m.put("list", List.of(1.5, Double.NaN));
        m.put("array", new double[]{Double.NaN, 2.0});
        JsonNode node = roundTrip(m);
        assertTrue(node.get("nan").isNull());
        assertTrue(node.get("inf").isNull());
        assertTrue(node.get("ninf").isNull());
        assertTrue(node.get("fnan").isNull());
        assertEquals(0.25, node.get("finite").asDouble());
        assertTrue(node.get("list").get(1).isNull());
        assertTrue(node.get("array").get(0).isNull());
        assertEquals(2.0, node.get("array").get(1).asDouble());
    }

    @Test
    void nestedMapsAndLists() throws Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("x", 1);
        inner.put("ok", true);
        inner.put("none", null);
        inner.put("empty_map", Map.of());
        inner.put("empty_list", List.of());
        List<Object> rows = new ArrayList<>();
        rows.add(inner);
        rows.add(List.of(List.of(1L, 2L), List.of(3L)));
        rows.add("text");
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("rows", rows);
        outer.put("big", 12345678901L);
        outer.put("neg", -3);
        outer.put("sci", 1e-10);
        outer.put("other", "PT2S");

        JsonNode node = roundTrip(outer);
        JsonNode first = node.get("rows").get(0);
        assertEquals(1, first.get("x").asInt());
        assertTrue(first.get("ok").asBoolean());
        assertTrue(first.get("none").isNull());
        assertTrue(first.get("empty_map").isObject());
        assertEquals(0, first.get("empty_map").size());
        assertTrue(first.get("empty_list").isArray());
        assertEquals(0, first.get("empty_list").size());
        assertEquals(2, node.get("rows").get(1).get(0).get(1).asInt());
        assertEquals(3, node.get("rows").get(1).get(1).get(0).asInt());
        assertEquals("text", node.get("rows").get(2).asText());
        assertEquals(12345678901L, node.get("big").asLong());
        assertEquals(-3, node.get("neg").asInt());
        assertEquals(1e-10, node.get("sci").asDouble());
        assertEquals("PT2S", node.get("other").asText());
        assertEquals(List.of("rows", "big", "neg", "sci", "other"), fieldNames(node));
    }

    @Test
    void prettyPrintedWithFlatListsOnOneLine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1, 2, 3));
        m.put("b", Map.of("c", "d"));
        assertEquals("{\n  \"a\": [1, 2, 3],\n  \"b\": {\n    \"c\": \"d\"\n  }\n}\n", Json.write(m));
    }

    @Test
    void topLevelScalars() {
        assertEquals("null\n", Json.write(null));
        assertEquals("42\n", Json.write(42));
        assertEquals("false\n", Json.write(false));
        assertEquals("[]\n", Json.write(List.of()));
        assertEquals("{}\n", Json.write(Map.of()));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void confusionMatrixStyleOutputParses() throws Exception {
        Map<String, Object> m = Map.of("matrix", List.of(Arrays.asList(1L, 2L), Arrays.asList(3L, 4L)));
        JsonNode node = roundTrip(m);
        assertEquals(4, node.get("matrix").get(1).get(1).asInt());
    }
}
