package dev.sparknet.artifacts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sparknet.BadInputException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a model.zip as a file from somewhere else: a registry, a colleague, a download. DL4J's own
 * {@code ModelSerializer.restoreMultiLayerNetwork} inflates every entry into memory, Java-deserializes a
 * {@code preprocessor.bin} entry, lets the JSON name the classes it builds and allocates whatever array
 * length the file declares. This reader accepts only what {@link ModelStore#save} writes, in its order:
 * <ol>
 *   <li>{@value ModelStore#PROVENANCE_ENTRY} (optional, at most {@value #MAX_PROVENANCE_BYTES} bytes);</li>
 *   <li>{@code configuration.json}, checked and rebuilt by {@link SavedNetworkConfig};</li>
 *   <li>{@code coefficients.bin}: exactly the parameter count the configuration gives;</li>
 *   <li>{@code updaterState.bin} (optional): exactly Adam's two moments per parameter.</li>
 * </ol>
 * Anything else (another entry, a duplicate, a different order, an entry inflating past what the declared
 * network needs, a file longer than that) is refused with a {@link BadInputException} naming the file.
 */
final class ModelReader {
    static final int MAX_PROVENANCE_BYTES = 1 << 20;
    /** Zip headers, names and the central directory of a four-entry zip, with room to spare. */
    private static final long ZIP_OVERHEAD = 64 * 1024;

    private static final ObjectMapper PROVENANCE = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ModelReader() {
    }

    static MultiLayerNetwork network(InputStream file, String label) {
        try (BoundedZip zip = new BoundedZip(file, label, headerLimit())) {
            String name = firstEntry(zip, label);
            if (name.equals(ModelStore.PROVENANCE_ENTRY)) {
                zip.readAll(MAX_PROVENANCE_BYTES);
                name = zip.next();
            }
            expect(name, ModelSerializer.CONFIGURATION_JSON, label);
            SavedNetworkConfig config = SavedNetworkConfig.parse(zip.readAll(SavedNetworkConfig.MAX_BYTES),
                    label + ": " + ModelSerializer.CONFIGURATION_JSON);
            long parameters = config.spec().parameterCount();
            long stateValues = 2 * parameters; // Adam: first and second moment per parameter
            zip.raiseRawLimit(headerLimit() + SavedFloatVector.maxBytes(parameters) + SavedFloatVector.maxBytes(stateValues));

            expect(zip.next(), ModelSerializer.COEFFICIENTS_BIN, label);
            zip.bound(SavedFloatVector.maxBytes(parameters));
            INDArray params = SavedFloatVector.read(zip.entryStream(), parameters, label + ": " + ModelSerializer.COEFFICIENTS_BIN);

            INDArray state = null;
            name = zip.next();
            if (name != null) {
                expect(name, ModelSerializer.UPDATER_BIN, label);
                zip.bound(SavedFloatVector.maxBytes(stateValues));
                state = SavedFloatVector.read(zip.entryStream(), stateValues, label + ": " + ModelSerializer.UPDATER_BIN);
                name = zip.next();
            }
            if (name != null) {
                throw unexpected(name, label);
            }
            return build(config, params, state, label);
        }
    }

    /** The provenance entry, pretty-printed again from its parsed form. */
    static String provenance(InputStream file, String label) {
        try (BoundedZip zip = new BoundedZip(file, label, headerLimit())) {
            String name = firstEntry(zip, label);
            if (name.equals(ModelSerializer.CONFIGURATION_JSON)) {
                throw new BadInputException(label + ": holds no " + ModelStore.PROVENANCE_ENTRY
                        + " (saved by an older sparknet or by plain DL4J)");
            }
            expect(name, ModelStore.PROVENANCE_ENTRY, label);
            byte[] json = zip.readAll(MAX_PROVENANCE_BYTES);
            try {
                JsonNode tree = PROVENANCE.readTree(json);
                if (tree == null || !tree.isObject()) {
                    throw new BadInputException(label + ": " + ModelStore.PROVENANCE_ENTRY + " is not a JSON object");
                }
                return Json.write(tree);
            } catch (IOException e) {
                throw new BadInputException(label + ": " + ModelStore.PROVENANCE_ENTRY + " is not valid JSON");
            }
        }
    }

    private static MultiLayerNetwork build(SavedNetworkConfig config, INDArray params, INDArray state, String label) {
        try {
            MultiLayerNetwork network = new MultiLayerNetwork(config.configuration());
            network.init(params, false);
            if (state != null) {
                INDArray view = network.getUpdater().getStateViewArray();
                if (view == null || view.length() != state.length()) {
                    throw new BadInputException(label + ": " + ModelSerializer.UPDATER_BIN + " holds " + state.length()
                            + " values where the updater keeps " + (view == null ? 0 : view.length()));
                }
                network.getUpdater().setStateViewArray(network, state, false);
            }
            return network;
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadInputException(label + ": not a usable model (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
    }

    /** Both readers start here, so a file that is no model.zip at all is refused in the same words by both. */
    private static String firstEntry(BoundedZip zip, String label) {
        String name = zip.next();
        if (name == null) {
            throw new BadInputException(label + ": not a zip file or an empty one (expected a model.zip written by sparknet)");
        }
        return name;
    }

    private static long headerLimit() {
        return ZIP_OVERHEAD + MAX_PROVENANCE_BYTES + SavedNetworkConfig.MAX_BYTES;
    }

    private static void expect(String name, String expected, String label) {
        if (name == null) {
            throw new BadInputException(label + ": holds no " + expected + " (not a model.zip written by sparknet, or truncated)");
        }
        if (!name.equals(expected)) {
            throw unexpected(name, label);
        }
    }

    private static BadInputException unexpected(String name, String label) {
        String why = name.equals(ModelSerializer.PREPROCESSOR_BIN)
                ? ": holds " + ModelSerializer.PREPROCESSOR_BIN + ", a serialized Java object; sparknet never writes one and never deserializes one"
                : name.equals(ModelSerializer.NORMALIZER_BIN)
                ? ": holds " + ModelSerializer.NORMALIZER_BIN + ", which sparknet never writes"
                : ": holds the entry " + BoundedZip.quoted(name) + " where sparknet writes none (or not there)";
        return new BadInputException(label + why);
    }
}
