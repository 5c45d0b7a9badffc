package dev.sparknet.artifacts;

import dev.sparknet.BadInputException;
import dev.sparknet.data.HadoopFiles;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
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

    /** The zip entry holding where the model came from; DL4J's loader ignores entries it does not know. */
    public static final String PROVENANCE_ENTRY = "sparknet/provenance.json";

    public static void save(MultiLayerNetwork network, StagedOutput output) {
        save(network, output, null);
    }

    /**
     * Writes the ModelSerializer zip with one more entry, {@value #PROVENANCE_ENTRY} (first, so that
     * {@link #describe} reads only the start of the file): settings, data checksums, metrics, code version.
     */
    public static void save(MultiLayerNetwork network, StagedOutput output, Map<String, Object> provenance) {
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

    /** The provenance JSON of a saved model, read without loading the network. */
    public static String describe(String path, Configuration conf) {
        try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(HadoopFiles.open(path, conf), 1 << 16))) {
            boolean anyEntry = false;
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                anyEntry = true;
                if (entry.getName().equals(PROVENANCE_ENTRY)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            throw new BadInputException("--model " + path + (anyEntry
                    ? ": holds no " + PROVENANCE_ENTRY + " (saved by an older sparknet or by plain DL4J)"
                    : ": not a zip file (expected a model.zip written by the mnist job)"));
        } catch (IOException e) {
            throw new BadInputException("--model " + path + ": not a readable zip file (" + e.getMessage() + ")");
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
