package dev.sparknet.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What an export holds and where it came from: written into the ONNX metadata (as strings) or, for a stock
 * DL4J zip, into its provenance entry. The layer list and updater flag are only there for the DL4J zip.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportInfo(String format, String sourceModel, String exported, String codeVersion, String pixelScaling,
                         String network, Long parameters, List<Layer> layers, Boolean updaterState, String loadsWith) {

    /** One layer of the exported network, as DL4J sees it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Layer(@JsonProperty("class") String type, Long inputs, Long outputs, String activation, String updater) {
    }

    public ExportInfo withNetwork(String widths, Long parameters, List<Layer> layers, Boolean updaterState,
                                  String loadsWith) {
        return new ExportInfo(format, sourceModel, exported, codeVersion, pixelScaling, widths, parameters, layers,
                updaterState, loadsWith);
    }
}
