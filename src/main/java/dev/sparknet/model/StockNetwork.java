package dev.sparknet.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The same network with DL4J's own classes in place of this job's two: {@link LeanDenseLayer} becomes
 * {@link DenseLayer} (same parameters, same forward pass) and {@link FusedAdam} becomes {@link Adam}
 * (same hyperparameters, same two-moment state). Everything else in the configuration is kept as it
 * is: the class names are swapped in DL4J's own JSON form of the configuration, which is then read
 * back. The result loads with nothing but DL4J on the classpath.
 */
public final class StockNetwork {
    /** Ours to DL4J's. Both of ours subclass the stock class without adding configuration fields. */
    static final Map<String, String> STOCK = Map.of(
            LeanDenseLayer.class.getName(), DenseLayer.class.getName(),
            FusedAdam.class.getName(), Adam.class.getName());
    private static final Set<String> STOCK_PACKAGES = Set.of("org.deeplearning4j.", "org.nd4j.");

    private StockNetwork() {
    }

    /**
     * A copy of {@code network} built from stock classes only, with its parameters and (when it has one) its
     * updater state. Throws {@link IllegalArgumentException} naming any class that has no stock counterpart.
     */
    public static MultiLayerNetwork of(MultiLayerNetwork network) {
        MultiLayerNetwork stock = new MultiLayerNetwork(configuration(network.getLayerWiseConfigurations()));
        stock.init(network.params().dup(), false);
        INDArray state = network.getUpdater() == null ? null : network.getUpdater().getStateViewArray();
        if (state != null) {
            stock.getUpdater().setStateViewArray(stock, state.dup(), false);
        }
        return stock;
    }

    static MultiLayerConfiguration configuration(MultiLayerConfiguration ours) {
        try {
            ObjectMapper json = new ObjectMapper();
            JsonNode tree = json.readTree(ours.toJson());
            Set<String> foreign = new TreeSet<>();
            swapClasses(tree, foreign);
            if (!foreign.isEmpty()) {
                throw new IllegalArgumentException("no stock DL4J counterpart for " + String.join(", ", foreign));
            }
            return MultiLayerConfiguration.fromJson(json.writeValueAsString(tree));
        } catch (IOException e) {
            throw new UncheckedIOException("DL4J's JSON form of the configuration", e);
        }
    }

    /** Replaces every "@class" of ours by DL4J's; collects those that stay outside DL4J/ND4J. */
    private static void swapClasses(JsonNode node, Set<String> foreign) {
        if (node instanceof ObjectNode object && object.hasNonNull("@class")) {
            String name = object.get("@class").asText();
            String stock = STOCK.getOrDefault(name, name);
            object.put("@class", stock);
            if (STOCK_PACKAGES.stream().noneMatch(stock::startsWith)) {
                foreign.add(stock);
            }
        }
        node.forEach(child -> swapClasses(child, foreign));
    }
}
