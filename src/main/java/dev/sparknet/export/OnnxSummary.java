package dev.sparknet.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an ONNX file holds, read from its protobuf without running it: IR version, opsets, producer,
 * graph inputs and outputs with types and shapes, the operators in order, the initializers (weights)
 * and the metadata. Works on any ONNX model, not only ours. Throws {@link IllegalArgumentException}
 * when the bytes are not an ONNX model.
 */
public record OnnxSummary(String format, long irVersion, Map<String, Long> opsets, String producer,
                          List<Value> inputs, List<Value> outputs, List<String> operators, long parameters,
                          List<Tensor> initializers, Map<String, String> metadata) {

    /** A graph input or output: shape entries are numbers, or names of symbolic dimensions ("N"). */
    public record Value(String name, String type, List<Object> shape) {
    }

    /** An initializer (weights): its name, element type and shape. */
    public record Tensor(String name, String type, List<Long> shape) {
    }

    private static final Map<Long, String> ELEMENT_TYPES = Map.ofEntries(Map.entry(1L, "float32"),
            Map.entry(2L, "uint8"), Map.entry(3L, "int8"), Map.entry(4L, "uint16"), Map.entry(5L, "int16"),
            Map.entry(6L, "int32"), Map.entry(7L, "int64"), Map.entry(8L, "string"), Map.entry(9L, "bool"),
            Map.entry(10L, "float16"), Map.entry(11L, "float64"), Map.entry(16L, "bfloat16"));

    public static OnnxSummary of(byte[] onnx) {
        Map<String, Long> opsets = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        ProtoReader.Field graph = null;
        String producer = "";
        Long irVersion = null;
        for (ProtoReader.Field f : new ProtoReader(onnx).fields()) {
            switch (f.number()) {
                case 1 -> irVersion = f.value();
                case 2 -> producer = f.string() + producer;
                case 3 -> producer = producer + " " + f.string();
                case 7 -> graph = f;
                case 8 -> {
                    String domain = "";
                    long version = 0;
                    for (ProtoReader.Field o : f.message().fields()) {
                        if (o.number() == 1) {
                            domain = o.string();
                        } else if (o.number() == 2) {
                            version = o.value();
                        }
                    }
                    opsets.put(domain.isEmpty() ? "ai.onnx" : domain, version);
                }
                case 14 -> {
                    String key = "", value = "";
                    for (ProtoReader.Field e : f.message().fields()) {
                        if (e.number() == 1) {
                            key = e.string();
                        } else if (e.number() == 2) {
                            value = e.string();
                        }
                    }
                    metadata.put(key, value);
                }
                default -> { }
            }
        }
        if (irVersion == null || graph == null || opsets.isEmpty()) {
            throw new IllegalArgumentException("no ir_version, graph or opset_import");
        }
        return graph(graph.message(), irVersion, opsets, producer.trim(), metadata);
    }

    private static OnnxSummary graph(ProtoReader graph, long irVersion, Map<String, Long> opsets, String producer,
                                     Map<String, String> metadata) {
        List<String> operators = new ArrayList<>();
        List<Tensor> initializers = new ArrayList<>();
        List<String> initializerNames = new ArrayList<>();
        List<Value> inputs = new ArrayList<>();
        List<Value> outputs = new ArrayList<>();
        long parameters = 0;
        for (ProtoReader.Field f : graph.fields()) {
            switch (f.number()) {
                case 1 -> f.message().fields().stream().filter(n -> n.number() == 4)
                        .forEach(n -> operators.add(n.string()));
                case 5 -> {
                    Tensor tensor = tensor(f.message());
                    initializers.add(tensor);
                    initializerNames.add(tensor.name());
                    long count = 1;
                    for (long d : tensor.shape()) {
                        count *= d;
                    }
                    parameters += count;
                }
                case 11 -> inputs.add(valueInfo(f.message()));
                case 12 -> outputs.add(valueInfo(f.message()));
                default -> { }
            }
        }
        // Before IR version 4, initializers were listed among the inputs too; they are not inputs to feed.
        inputs.removeIf(i -> initializerNames.contains(i.name()));
        return new OnnxSummary("onnx", irVersion, opsets, producer, inputs, outputs, operators, parameters,
                initializers, metadata);
    }

    private static Tensor tensor(ProtoReader tensor) {
        List<Long> dims = new ArrayList<>();
        String name = "", type = "?";
        for (ProtoReader.Field f : tensor.fields()) {
            switch (f.number()) {
                case 1 -> dims.addAll(f.varints());
                case 2 -> type = ELEMENT_TYPES.getOrDefault(f.value(), "type " + f.value());
                case 8 -> name = f.string();
                default -> { }
            }
        }
        return new Tensor(name, type, dims);
    }

    private static Value valueInfo(ProtoReader value) {
        String name = "", type = "?";
        List<Object> shape = new ArrayList<>();
        for (ProtoReader.Field f : value.fields()) {
            if (f.number() == 1) {
                name = f.string();
            } else if (f.number() == 2) {
                for (ProtoReader.Field t : f.message().fields()) {
                    if (t.number() != 1) {
                        continue; // sequence, map, ... types: name only
                    }
                    for (ProtoReader.Field tt : t.message().fields()) {
                        if (tt.number() == 1) {
                            type = ELEMENT_TYPES.getOrDefault(tt.value(), "type " + tt.value());
                        } else if (tt.number() == 2) {
                            for (ProtoReader.Field dim : tt.message().fields()) {
                                shape.add(dimension(dim.message()));
                            }
                        }
                    }
                }
            }
        }
        return new Value(name, type, shape);
    }

    private static Object dimension(ProtoReader dim) {
        for (ProtoReader.Field f : dim.fields()) {
            if (f.number() == 1) {
                return f.value();
            }
            if (f.number() == 2) {
                return f.string();
            }
        }
        return "?";
    }
}
