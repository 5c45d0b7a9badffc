package dev.sparknet.jobs;

import dev.sparknet.BadInputException;
import dev.sparknet.artifacts.Json;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.data.HadoopFiles;
import dev.sparknet.export.OnnxSummary;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * What a saved model is, without loading the network: for a model.zip (ours, or a stock-DL4J export) its
 * provenance entry; for an ONNX file its inputs, outputs, operators, weights and metadata.
 */
public final class DescribeJob {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    static final int MAX_ONNX_BYTES = 160 << 20;

    private DescribeJob() {
    }

    public static String describe(String path, Configuration conf) {
        byte[] bytes;
        try (InputStream in = open(path, conf)) {
            byte[] head = in.readNBytes(ZIP_MAGIC.length);
            if (Arrays.equals(head, ZIP_MAGIC)) {
                return ModelStore.describe(path, conf);
            }
            // an ONNX file of the largest network a model may have, with room for metadata; never more
            bytes = concat(head, in.readNBytes(MAX_ONNX_BYTES + 1));
            if (bytes.length > MAX_ONNX_BYTES) {
                throw new BadInputException("--model " + path + ": larger than " + (MAX_ONNX_BYTES >> 20)
                        + " MB, more than any model this job writes or reads");
            }
        } catch (BadInputException e) {
            throw e;
        } catch (IOException e) {
            throw new BadInputException("--model " + path + ": cannot read (" + e.getMessage() + ")");
        }
        try {
            return Json.write(OnnxSummary.of(bytes));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--model " + path + ": neither a model.zip nor an ONNX model ("
                    + e.getMessage() + ")");
        }
    }

    private static InputStream open(String path, Configuration conf) {
        try {
            return HadoopFiles.open(path, conf);
        } catch (BadInputException e) {
            throw new BadInputException("--model " + e.getMessage());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
