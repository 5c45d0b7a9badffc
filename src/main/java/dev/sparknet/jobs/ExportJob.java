package dev.sparknet.jobs;

import dev.sparknet.BadInputException;
import dev.sparknet.artifacts.Json;
import dev.sparknet.artifacts.MetricsFile;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.artifacts.RunProvenance;
import dev.sparknet.artifacts.StagedOutput;
import dev.sparknet.config.ExportJobConfig;
import dev.sparknet.data.PixelScaling;
import dev.sparknet.export.ExportInfo;
import dev.sparknet.export.OnnxExport;
import dev.sparknet.export.StockExportProvenance;
import dev.sparknet.model.StockNetwork;
import dev.sparknet.spark.SparkContexts;
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

    private ExportJob() {
    }

    /** Returns what was exported (also written into the export: ONNX metadata, or the zip's provenance entry). */
    public static ExportInfo run(ExportJobConfig config) {
        Configuration hadoop = SparkContexts.hadoopConfigurationBeforeSpark();
        MultiLayerNetwork network = ModelStore.load(config.model(), hadoop);
        MetricsFile source = sourceProvenance(config.model(), hadoop);
        ExportInfo export = new ExportInfo(config.format().name().toLowerCase(), config.model(), Instant.now().toString(),
                RunProvenance.currentCodeVersion(), PixelScaling.IN_WORDS, null, null, null, null, null);
        try (StagedOutput output = StagedOutput.begin(config.output(), config.overwrite(), hadoop)) {
            ExportInfo written = switch (config.format()) {
                case ONNX -> writeOnnx(network, config.model(), export, source, output);
                case DL4J -> writeStockDl4j(network, config.model(), export, source, output);
            };
            output.publish();
            log.info("{} {} ({} parameters) published to {}/{}", written.format(), written.network(),
                    network.numParams(), output.target(),
                    config.format() == ExportJobConfig.Format.ONNX ? OnnxExport.FILE : ModelStore.MODEL_FILE);
            return written;
        }
    }

    private static ExportInfo writeOnnx(MultiLayerNetwork network, String modelPath, ExportInfo export,
                                        MetricsFile source, StagedOutput output) {
        ExportInfo written = export.withNetwork(widths(network), null, null, null, null);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("pixel_scaling", PixelScaling.IN_WORDS + "; MNIST images are 28x28, row-major, white digit on black");
        metadata.put("network", written.network());
        metadata.put("source_model", modelPath);
        metadata.put("exported", written.exported());
        metadata.put("code_version", written.codeVersion());
        if (source != null) {
            metadata.put("test_accuracy", String.valueOf(source.testAccuracy()));
            if (source.provenance() != null) {
                metadata.put("training_provenance", Json.writeLine(source.provenance()));
            }
        }
        byte[] onnx = OnnxExport.write(network, modelPath, written.codeVersion(), metadata);
        try (OutputStream out = output.create(OnnxExport.FILE)) {
            out.write(onnx);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + OnnxExport.FILE, e);
        }
        return written;
    }

    private static ExportInfo writeStockDl4j(MultiLayerNetwork network, String modelPath, ExportInfo export,
                                             MetricsFile source, StagedOutput output) {
        MultiLayerNetwork stock;
        try {
            stock = StockNetwork.of(network);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--model " + modelPath + ": cannot export as stock DL4J: " + e.getMessage());
        }
        ExportInfo written = export.withNetwork(widths(stock), stock.numParams(), layers(stock),
                stock.getUpdater() != null && stock.getUpdater().getStateViewArray() != null,
                "ModelSerializer.restoreMultiLayerNetwork of deeplearning4j-nn 1.0.0-M2 alone");
        ModelStore.save(stock, output, new StockExportProvenance(written, source));
        return written;
    }

    /** The saved model's provenance (its run's metrics.json), or null for models saved without one. */
    private static MetricsFile sourceProvenance(String modelPath, Configuration hadoop) {
        try {
            return Json.read(ModelStore.describe(modelPath, hadoop), MetricsFile.class, modelPath);
        } catch (BadInputException | IllegalArgumentException e) {
            return null;
        }
    }

    private static List<ExportInfo.Layer> layers(MultiLayerNetwork network) {
        List<ExportInfo.Layer> out = new ArrayList<>();
        for (int i = 0; i < network.getnLayers(); i++) {
            Layer layer = network.getLayerWiseConfigurations().getConf(i).getLayer();
            FeedForwardLayer f = layer instanceof FeedForwardLayer ff ? ff : null;
            BaseLayer b = layer instanceof BaseLayer bl ? bl : null;
            out.add(new ExportInfo.Layer(layer.getClass().getName(), f == null ? null : f.getNIn(),
                    f == null ? null : f.getNOut(), b == null ? null : b.getActivationFn().toString(),
                    b == null || b.getIUpdater() == null ? null : b.getIUpdater().toString()));
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
