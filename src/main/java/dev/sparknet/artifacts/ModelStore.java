package dev.sparknet.artifacts;

import dev.sparknet.BadInputException;
import dev.sparknet.data.HadoopFiles;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Saves and loads networks as DL4J ModelSerializer zips (with updater state) on any Hadoop path. */
public final class ModelStore {
    public static final String MODEL_FILE = "model.zip";

    private ModelStore() {
    }

    public static void save(MultiLayerNetwork network, StagedOutput output) {
        try (OutputStream out = new BufferedOutputStream(output.create(MODEL_FILE), 1 << 16)) {
            ModelSerializer.writeModel(network, out, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model", e);
        }
    }

    public static MultiLayerNetwork load(String path, Configuration conf) {
        try (InputStream in = new BufferedInputStream(HadoopFiles.open(path, conf), 1 << 16)) {
            return ModelSerializer.restoreMultiLayerNetwork(in, true);
        } catch (BadInputException e) {
            throw new BadInputException("--model " + e.getMessage());
        } catch (Exception e) {
            // ModelSerializer reports a non-zip, a truncated zip or a zip of something else in many ways.
            throw new BadInputException("--model " + path + ": not a readable DL4J model ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }
}
