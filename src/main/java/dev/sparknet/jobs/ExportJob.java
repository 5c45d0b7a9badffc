package dev.sparknet.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparknet.BadInputException;
import dev.sparknet.artifacts.Json;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.artifacts.Provenance;
import dev.sparknet.artifacts.StagedOutput;
import dev.sparknet.config.ExportJobConfig;
import dev.sparknet.data.ByteBatch;
import dev.sparknet.export.OnnxExport;
import dev.sparknet.model.StockNetwork;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a saved model in a form that needs neither Spark nor this job's classes: ONNX, or a DL4J zip of
 * stock classes. No Spark context: the conversion is a few matrices copied on the driver.
 */
public final class ExportJob {
    private static final Logger log = LoggerFactory.getLogger(ExportJob.class);
    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private ExportJob() {
    }

    /** Returns what was exported (also written into the export: ONNX metadata, or the zip's provenance entry). */
    public static Map<String, Object> run(ExportJobConfig config) {
        Configuration hadoop = SparkContexts.hadoopConfigurationBeforeSpark();
        MultiLayerNetwork network = ModelStore.load(config.model(), hadoop);
        Map<String, Object> source = sourceProvenance(config.model(), hadoop);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("format", config.format().name().toLowerCase());
        export.put("source_model", config.model());
        export.put("exported", Instant.now().toString());
        export.put("code_version", Provenance.codeVersion());
        export.put("pixel_scaling", ByteBatch.PIXEL_SCALING);
        try (StagedOutput output = StagedOutput.begin(config.output(), config.overwrite(), hadoop)) {
            String file = switch (config.format()) {
                case ONNX -> writeOnnx(network, config.model(), export, source, output);
                case DL4J -> writeStockDl4j(network, config.model(), export, source, output);
            };
            output.publish();
            log.info("{} {} ({} parameters) published to {}/{}", config.format().name().toLowerCase(),
                    export.get("network"), network.numParams(), output.target(), file);
        }
        return export;
    }

    private static String writeOnnx(MultiLayerNetwork network, String modelPath, Map<String, Object> export,
                                    Map<String, Object> source, StagedOutput output) {
        export.put("network", widths(network));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("pixel_scaling", ByteBatch.PIXEL_SCALING + "; MNIST images are 28x28, row-major, white digit on black");
        metadata.put("network", (String) export.get("network"));
        metadata.put("source_model", modelPath);
        metadata.put("exported", (String) export.get("exported"));
        metadata.put("code_version", (String) export.get("code_version"));
        if (source.get("test_accuracy") != null) {
            metadata.put("test_accuracy", String.valueOf(source.get("test_accuracy")));
        }
        if (source.get("provenance") != null) {
            metadata.put("training_provenance", Json.writeLine(source.get("provenance")));
        }
        byte[] onnx = OnnxExport.write(network, modelPath, Provenance.codeVersion(), metadata);
        try (OutputStream out = output.create(OnnxExport.FILE)) {
            out.write(onnx);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + OnnxExport.FILE, e);
        }
        return OnnxExport.FILE;
    }

    private static String writeStockDl4j(MultiLayerNetwork network, String modelPath, Map<String, Object> export,
                                         Map<String, Object> source, StagedOutput output) {
        MultiLayerNetwork stock;
        try {
            stock = StockNetwork.of(network);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--model " + modelPath + ": cannot export as stock DL4J: " + e.getMessage());
        }
        export.put("network", widths(stock));
        export.put("parameters", stock.numParams());
        export.put("layers", layers(stock));
        export.put("updater_state", stock.getUpdater() != null && stock.getUpdater().getStateViewArray() != null);
        export.put("loads_with", "ModelSerializer.restoreMultiLayerNetwork of deeplearning4j-nn 1.0.0-M2 alone");
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("export", export);
        provenance.put("source", source.isEmpty() ? null : source);
        ModelStore.save(stock, output, provenance);
        return ModelStore.MODEL_FILE;
    }

    /** The saved model's provenance (its run's metrics.json), or nothing for models saved without one. */
    private static Map<String, Object> sourceProvenance(String modelPath, Configuration hadoop) {
        try {
            return new ObjectMapper().readValue(ModelStore.describe(modelPath, hadoop), JSON_OBJECT);
        } catch (BadInputException | IOException e) {
            return Map.of();
        }
    }

    private static List<Map<String, Object>> layers(MultiLayerNetwork network) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < network.getnLayers(); i++) {
            Layer layer = network.getLayerWiseConfigurations().getConf(i).getLayer();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("class", layer.getClass().getName());
            if (layer instanceof FeedForwardLayer f) {
                row.put("inputs", f.getNIn());
                row.put("outputs", f.getNOut());
            }
            if (layer instanceof BaseLayer b) {
                row.put("activation", b.getActivationFn().toString());
                row.put("updater", b.getIUpdater() == null ? null : b.getIUpdater().toString());
            }
            out.add(row);
        }
        return out;
    }

    private static String widths(MultiLayerNetwork network) {
        StringBuilder s = new StringBuilder().append(network.layerInputSize(0));
        for (int i = 0; i < network.getnLayers(); i++) {
            s.append('-').append(network.layerSize(i));
        }
        return s.toString();
    }
}
