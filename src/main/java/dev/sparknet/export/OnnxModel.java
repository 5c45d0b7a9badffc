package dev.sparknet.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Writes a {@link DenseStack} as an ONNX model (ONNX's protobuf schema, onnx.proto, written by
 * {@link ProtoWriter}): per layer one Gemm (Y = X · W + b, W stored [in, out]), then Relu / Sigmoid /
 * Tanh / Softmax. Input: float32 [N, inputs] named {@value #INPUT}; output: float32 [N, outputs],
 * {@value #PROBABILITIES} for classifiers (softmax head), {@value #OUTPUTS} otherwise. Weights are
 * initializers stored as little-endian raw data.
 */
final class OnnxModel {
    /** ONNX IR version 8 is the one that goes with opset 17 (ONNX 1.12 and newer). */
    static final long IR_VERSION = 8;
    static final long OPSET = 17;
    static final String INPUT = "pixels";
    static final String PROBABILITIES = "probabilities";
    static final String OUTPUTS = "outputs";
    static final String BATCH_DIM = "N";

    // onnx.proto field numbers
    private static final int MODEL_IR_VERSION = 1, MODEL_PRODUCER_NAME = 2, MODEL_PRODUCER_VERSION = 3,
            MODEL_DOC = 6, MODEL_GRAPH = 7, MODEL_OPSET_IMPORT = 8, MODEL_METADATA = 14;
    private static final int OPSET_VERSION = 2;
    private static final int ENTRY_KEY = 1, ENTRY_VALUE = 2;
    private static final int GRAPH_NODE = 1, GRAPH_NAME = 2, GRAPH_INITIALIZER = 5, GRAPH_INPUT = 11, GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1, NODE_OUTPUT = 2, NODE_NAME = 3, NODE_OP_TYPE = 4;
    private static final int TENSOR_DIMS = 1, TENSOR_DATA_TYPE = 2, TENSOR_NAME = 8, TENSOR_RAW_DATA = 9;
    private static final int VALUE_NAME = 1, VALUE_TYPE = 2, TYPE_TENSOR = 1, TENSOR_ELEM_TYPE = 1, TENSOR_SHAPE = 2;
    private static final int SHAPE_DIM = 1, DIM_VALUE = 1, DIM_PARAM = 2;
    static final int FLOAT = 1; // TensorProto.DataType.FLOAT

    private OnnxModel() {
    }

    static byte[] write(DenseStack stack, String producerVersion, String doc, Map<String, String> metadata) {
        ProtoWriter graph = new ProtoWriter();
        String x = INPUT;
        int last = stack.layers().size() - 1;
        String output = stack.classifier() ? PROBABILITIES : OUTPUTS;
        for (int i = 0; i <= last; i++) {
            DenseStack.Layer layer = stack.layers().get(i);
            String z = i == last && layer.activation() == null ? output : layer.name() + ".z";
            graph.message(GRAPH_INITIALIZER, tensor(layer.name() + ".W", layer.weights()));
            if (layer.bias() == null) {
                graph.message(GRAPH_NODE, node(layer.name() + ".gemm", "Gemm", z, x, layer.name() + ".W"));
            } else {
                graph.message(GRAPH_INITIALIZER, tensor(layer.name() + ".b", layer.bias()));
                graph.message(GRAPH_NODE, node(layer.name() + ".gemm", "Gemm", z, x, layer.name() + ".W", layer.name() + ".b"));
            }
            x = z;
            if (layer.activation() != null) {
                String a = i == last ? output : layer.name() + ".a";
                graph.message(GRAPH_NODE, node(layer.name() + "." + layer.activation().toLowerCase(),
                        layer.activation(), a, x));
                x = a;
            }
        }
        graph.string(GRAPH_NAME, "sparknet_mlp")
                .message(GRAPH_INPUT, floatMatrix(INPUT, stack.inputs()))
                .message(GRAPH_OUTPUT, floatMatrix(output, stack.outputs()));

        ProtoWriter model = new ProtoWriter()
                .varint(MODEL_IR_VERSION, IR_VERSION)
                .string(MODEL_PRODUCER_NAME, "sparknet")
                .string(MODEL_PRODUCER_VERSION, producerVersion)
                .string(MODEL_DOC, doc)
                .message(MODEL_GRAPH, graph)
                .message(MODEL_OPSET_IMPORT, new ProtoWriter().varint(OPSET_VERSION, OPSET)); // default domain ""
        metadata.forEach((k, v) -> model.message(MODEL_METADATA, new ProtoWriter().string(ENTRY_KEY, k).string(ENTRY_VALUE, v)));
        return model.toByteArray();
    }

    private static ProtoWriter node(String name, String op, String output, String... inputs) {
        ProtoWriter node = new ProtoWriter();
        for (String in : inputs) {
            node.string(NODE_INPUT, in);
        }
        return node.string(NODE_OUTPUT, output).string(NODE_NAME, name).string(NODE_OP_TYPE, op);
    }

    private static ProtoWriter tensor(String name, float[][] rows) {
        ByteBuffer raw = ByteBuffer.allocate(rows.length * rows[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            raw.asFloatBuffer().put(row);
            raw.position(raw.position() + row.length * 4);
        }
        return new ProtoWriter().varint(TENSOR_DIMS, rows.length).varint(TENSOR_DIMS, rows[0].length)
                .varint(TENSOR_DATA_TYPE, FLOAT).string(TENSOR_NAME, name).bytes(TENSOR_RAW_DATA, raw.array());
    }

    private static ProtoWriter tensor(String name, float[] vector) {
        ByteBuffer raw = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(vector);
        return new ProtoWriter().varint(TENSOR_DIMS, vector.length)
                .varint(TENSOR_DATA_TYPE, FLOAT).string(TENSOR_NAME, name).bytes(TENSOR_RAW_DATA, raw.array());
    }

    /** A float32 [N, columns] graph input or output, N symbolic. */
    private static ProtoWriter floatMatrix(String name, int columns) {
        ProtoWriter shape = new ProtoWriter()
                .message(SHAPE_DIM, new ProtoWriter().string(DIM_PARAM, BATCH_DIM))
                .message(SHAPE_DIM, new ProtoWriter().varint(DIM_VALUE, columns));
        ProtoWriter tensorType = new ProtoWriter().varint(TENSOR_ELEM_TYPE, FLOAT).message(TENSOR_SHAPE, shape);
        return new ProtoWriter().string(VALUE_NAME, name)
                .message(VALUE_TYPE, new ProtoWriter().message(TYPE_TENSOR, tensorType));
    }
}
