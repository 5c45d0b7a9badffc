package dev.sparknet.artifacts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sparknet.BadInputException;
import dev.sparknet.model.FusedAdam;
import dev.sparknet.model.LeanDenseLayer;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.model.NetworkFactory;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A model's configuration.json, checked without handing it to DL4J. DL4J's reader instantiates whatever
 * classes the JSON names ({@code "@class"}), so an untrusted file could make it build anything on the
 * classpath. Instead this reads the few numbers a sparknet network is made of (layer widths, head, learning
 * rate, seed, training counters), rebuilds the configuration from them with {@link NetworkFactory}, and
 * requires the file to be exactly that configuration's JSON. Only layer, activation, loss and updater
 * types this job writes can pass; DL4J only ever sees the rebuilt configuration.
 */
final class SavedNetworkConfig {
    /** configuration.json of a 16-layer network is about 25 KB. */
    static final int MAX_BYTES = 256 * 1024;
    static final int MAX_LAYERS = 16;
    static final int MAX_WIDTH = 1 << 20;
    /**
     * The largest network a model file may declare: 32 M parameters (one hidden layer of 40,000 on MNIST),
     * 128 MB of weights and 256 MB of Adam state; the default 784-1568-10 has 1.25 M.
     */
    static final long MAX_PARAMETERS = 32_000_000L;

    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32).maxNumberLength(64).maxStringLength(MAX_BYTES).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final MlpSpec spec;
    private final MultiLayerConfiguration configuration;

    private SavedNetworkConfig(MlpSpec spec, MultiLayerConfiguration configuration) {
        this.spec = spec;
        this.configuration = configuration;
    }

    MlpSpec spec() {
        return spec;
    }

    /** The rebuilt configuration, equal to the file's; never one parsed by DL4J from the file. */
    MultiLayerConfiguration configuration() {
        return configuration;
    }

    static SavedNetworkConfig parse(byte[] json, String what) {
        JsonNode file = tree(json, what);
        JsonNode confs = file.path("confs");
        if (!confs.isArray() || confs.isEmpty() || confs.size() > MAX_LAYERS) {
            throw bad(what, "'confs' must list 1 to " + MAX_LAYERS + " layers");
        }
        int layers = confs.size();
        List<Integer> hidden = new ArrayList<>();
        int inputs = 0;
        int previous = -1;
        for (int i = 0; i < layers; i++) {
            JsonNode layer = confs.get(i).path("layer");
            String type = layer.path("@class").asText("");
            String expected = i < layers - 1 ? LeanDenseLayer.class.getName() : OutputLayer.class.getName();
            if (!type.equals(expected)) {
                throw bad(what, "layer " + i + " is " + BoundedZip.quoted(type) + "; sparknet writes "
                        + expected + " there");
            }
            int in = dimension(layer, "nin", i, what);
            int out = dimension(layer, "nout", i, what);
            if (i == 0) {
                inputs = in;
            } else if (in != previous) {
                throw bad(what, "layer " + i + " takes " + in + " inputs but layer " + (i - 1) + " gives " + previous);
            }
            if (i < layers - 1) {
                hidden.add(out);
            }
            previous = out;
        }
        JsonNode output = confs.get(layers - 1).path("layer");
        String loss = output.path("lossFn").path("@class").asText("");
        MlpSpec.Head head;
        if (loss.equals(LossMCXENT.class.getName())) {
            head = MlpSpec.Head.SOFTMAX_CROSS_ENTROPY;
        } else if (loss.equals(LossMSE.class.getName())) {
            head = MlpSpec.Head.IDENTITY_MSE;
        } else {
            throw bad(what, "the loss is " + BoundedZip.quoted(loss) + "; sparknet writes "
                    + LossMCXENT.class.getSimpleName() + " or " + LossMSE.class.getSimpleName());
        }
        JsonNode updater = confs.get(0).path("layer").path("iupdater");
        if (!updater.path("@class").asText("").equals(FusedAdam.class.getName())) {
            throw bad(what, "the updater is " + BoundedZip.quoted(updater.path("@class").asText(""))
                    + "; sparknet writes " + FusedAdam.class.getName());
        }
        double learningRate = updater.path("learningRate").asDouble(Double.NaN);
        if (!updater.path("learningRate").isNumber() || !(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw bad(what, "the learning rate must be a positive number");
        }
        JsonNode seed = confs.get(0).path("seed");
        if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
            throw bad(what, "the seed must be an integer");
        }
        MlpSpec spec = new MlpSpec(inputs, hidden, previous, head, learningRate, seed.longValue());
        if (spec.parameterCount() > MAX_PARAMETERS) {
            throw bad(what, "declares " + spec.describe() + " with " + spec.parameterCount()
                    + " parameters, more than the " + MAX_PARAMETERS + " a model may have here");
        }
        MultiLayerConfiguration rebuilt = NetworkFactory.configuration(spec);
        rebuilt.setIterationCount(counter(file, "iterationCount", what));
        rebuilt.setEpochCount(counter(file, "epochCount", what));
        for (int i = 0; i < layers; i++) {
            rebuilt.getConf(i).setIterationCount(counter(confs.get(i), "iterationCount", what));
            rebuilt.getConf(i).setEpochCount(counter(confs.get(i), "epochCount", what));
            // what MultiLayerNetwork.init() records for a dense layer; a saved model carries it
            rebuilt.getConf(i).addVariable("W");
            rebuilt.getConf(i).addVariable("b");
        }
        String difference = firstDifference(tree(rebuilt.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "the rebuilt configuration"), file, "");
        if (difference != null) {
            throw bad(what, "is not a configuration sparknet writes (" + difference + ")");
        }
        return new SavedNetworkConfig(spec, rebuilt);
    }

    private static JsonNode tree(byte[] json, String what) {
        try {
            JsonNode node = STRICT.readTree(json);
            if (node == null || !node.isObject()) {
                throw bad(what, "is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            // Jackson's message quotes the offending text; keep the first line, cut short
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw bad(what, "is not valid JSON (" + BadInputException.printable(message, 120) + ")");
        }
    }

    private static int dimension(JsonNode layer, String field, int index, String what) {
        JsonNode value = layer.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1 || value.intValue() > MAX_WIDTH) {
            throw bad(what, "layer " + index + "'s " + field + " must be a whole number from 1 to " + MAX_WIDTH);
        }
        return value.intValue();
    }

    private static int counter(JsonNode node, String field, String what) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw bad(what, "'" + field + "' must be a whole number of at least 0");
        }
        return value.intValue();
    }

    /** Where two JSON trees first differ, as a path, or null when they are equal. */
    private static String firstDifference(JsonNode expected, JsonNode actual, String path) {
        if (expected.isObject() && actual.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = actual.get(field.getKey());
                if (other == null) {
                    return "no " + path + field.getKey();
                }
                String inner = firstDifference(field.getValue(), other, path + field.getKey() + ".");
                if (inner != null) {
                    return inner;
                }
            }
            for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!expected.has(name)) {
                    return "unexpected " + path + BoundedZip.quoted(name);
                }
            }
            return null;
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                String inner = firstDifference(expected.get(i), actual.get(i), path + i + ".");
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        boolean same = expected.isNumber() && actual.isNumber()
                ? expected.asDouble() == actual.asDouble() && expected.isIntegralNumber() == actual.isIntegralNumber()
                : expected.equals(actual);
        return same ? null : "unexpected value at " + (path.isEmpty() ? "top level" : path.substring(0, path.length() - 1));
    }

    private static BadInputException bad(String what, String problem) {
        return new BadInputException(what + ": " + problem);
    }
}
