package dev.sparknet.export;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained network as a standard ONNX model (opset {@value OnnxModel#OPSET}), written by this code: no
 * ONNX library is needed to write it, and any ONNX runtime can run it. See {@link OnnxModel} for the graph.
 */
public final class OnnxExport {
    public static final String FILE = "model.onnx";

    private OnnxExport() {
    }

    /**
     * The ONNX bytes of {@code network}; {@code metadata} goes into the model's metadata_props after the
     * entries describing input and output. A network that is not a stack of dense layers is refused with a
     * {@link dev.sparknet.BadInputException} naming {@code modelPath}.
     */
    public static byte[] write(MultiLayerNetwork network, String modelPath, String producerVersion,
                               Map<String, String> metadata) {
        DenseStack stack = DenseStack.of(network, modelPath);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("input", OnnxModel.INPUT + ": float32 [" + OnnxModel.BATCH_DIM + ", " + stack.inputs()
                + "], one example per row");
        all.put("output", stack.classifier()
                ? OnnxModel.PROBABILITIES + ": float32 [" + OnnxModel.BATCH_DIM + ", " + stack.outputs()
                        + "], softmax: the probability of each class 0.." + (stack.outputs() - 1)
                : OnnxModel.OUTPUTS + ": float32 [" + OnnxModel.BATCH_DIM + ", " + stack.outputs() + "]");
        all.putAll(metadata);
        String doc = "Multilayer perceptron " + shape(stack) + " trained by sparknet (deeplearning4j on Spark); "
                + all.getOrDefault("pixel_scaling", "");
        return OnnxModel.write(stack, producerVersion, doc.trim(), all);
    }

    /** The layer widths, e.g. 784-1568-10. */
    private static String shape(DenseStack stack) {
        StringBuilder s = new StringBuilder().append(stack.inputs());
        stack.layers().forEach(l -> s.append('-').append(l.outputs()));
        return s.toString();
    }
}
