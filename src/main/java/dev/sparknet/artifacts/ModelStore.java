package dev.sparknet.artifacts;

import dev.sparknet.BadInputException;
import dev.sparknet.data.HadoopFiles;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Saves and loads networks as DL4J ModelSerializer zips (with updater state) on any Hadoop path. */
public final class ModelStore {
    public static final String MODEL_FILE = "model.zip";

    private ModelStore() {
    }

    /** The zip entry holding where the model came from; DL4J's loader ignores entries it does not know. */
    public static final String PROVENANCE_ENTRY = "sparknet/provenance.json";

    public static void save(MultiLayerNetwork network, StagedOutput output) {
        save(network, output, null);
    }

    /**
     * Writes the ModelSerializer zip with one more entry, {@value #PROVENANCE_ENTRY} (first, so that
     * {@link #describe} reads only the start of the file): settings, data checksums, metrics, code version.
     */
    public static void save(MultiLayerNetwork network, StagedOutput output, Record provenance) {
        try (OutputStream out = new BufferedOutputStream(output.create(MODEL_FILE), 1 << 16)) {
            if (provenance == null) {
                ModelSerializer.writeModel(network, out, true);
                return;
            }
            ByteArrayOutputStream model = new ByteArrayOutputStream(1 << 20);
            ModelSerializer.writeModel(network, model, true);
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(PROVENANCE_ENTRY));
            zip.write(Json.write(provenance).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(model.toByteArray()))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    zip.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(zip);
                    zip.closeEntry();
                }
            }
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model", e);
        }
    }

    /**
     * The provenance JSON of a saved model, read without loading the network: the first entry of a
     * model.zip this job writes. It is parsed strictly and printed again by Jackson, so that whatever the
     * file holds reaches a terminal as escaped JSON.
     */
    public static String describe(String path, Configuration conf) {
        return ModelReader.provenance(open(path, conf), "--model " + path);
    }

    /**
     * Loads a model.zip without trusting it: nothing in the file is Java-deserialized or handed to DL4J's
     * JSON reader; entries, sizes and the configuration are checked first ({@link ModelReader}). A bad file
     * ends in a {@link BadInputException} whose message starts with "--model PATH".
     */
    public static MultiLayerNetwork load(String path, Configuration conf) {
        return load(path, conf, "--model " + path);
    }

    /** As {@link #load(String, Configuration)}, with {@code label} naming the file in messages. */
    public static MultiLayerNetwork load(String path, Configuration conf, String label) {
        return ModelReader.network(open(path, conf, label), label);
    }

    private static InputStream open(String path, Configuration conf) {
        return open(path, conf, "--model " + path);
    }

    private static InputStream open(String path, Configuration conf, String label) {
        try {
            return new BufferedInputStream(HadoopFiles.open(path, conf), 1 << 16);
        } catch (BadInputException e) {
            throw e.getMessage().startsWith(path) ? new BadInputException(label + e.getMessage().substring(path.length()), e)
                    : new BadInputException(label + ": " + e.getMessage(), e);
        }
    }
}
