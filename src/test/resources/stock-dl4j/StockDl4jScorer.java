// Compiled and run by ExportJobSparkTest in a JVM of its own, with DL4J 1.0.0-M2 and its dependencies on the
// classpath but neither sparknet's classes nor Spark's: a program written against stock DL4J only.
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.util.zip.GZIPInputStream;

/**
 * args: MODEL.zip IMAGES.idx3-ubyte.gz OUT [OTHER.zip]. Loads MODEL with ModelSerializer (updater included),
 * scores every image (pixel / 255, batches of 500) and writes to OUT: n, classes, then n x classes float32
 * probabilities. OTHER, if given, is a model that is expected not to load here; what happens is printed.
 */
public class StockDl4jScorer {
    public static void main(String[] args) throws Exception {
        try {
            Class.forName("dev.sparknet.model.LeanDenseLayer");
            System.out.println("sparknet classes are on the classpath");
            System.exit(3);
        } catch (ClassNotFoundException expected) {
            System.out.println("no sparknet classes on the classpath");
        }
        if (args.length > 3) {
            try {
                ModelSerializer.restoreMultiLayerNetwork(new File(args[3]), true);
                System.out.println("other model: loaded");
            } catch (Throwable e) {
                System.out.println("other model: refused (" + e.getClass().getSimpleName() + ")");
            }
        }
        MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(new File(args[0]), true);
        org.deeplearning4j.nn.conf.layers.BaseLayer first =
                (org.deeplearning4j.nn.conf.layers.BaseLayer) network.getLayerWiseConfigurations().getConf(0).getLayer();
        System.out.println("loaded: " + network.getnLayers() + " layers, " + network.numParams() + " parameters; layer 0 "
                + first.getClass().getName() + ", updater " + first.getIUpdater().getClass().getName()
                + (network.getUpdater().getStateViewArray() != null ? " with its state" : ""));
        int n, pixels;
        byte[] images;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new GZIPInputStream(new FileInputStream(args[1])), 1 << 16))) {
            if (in.readInt() != 2051) {
                throw new IllegalArgumentException(args[1] + ": not an IDX images file");
            }
            n = in.readInt();
            pixels = in.readInt() * in.readInt();
            images = new byte[n * pixels];
            in.readFully(images);
        }
        int classes = (int) network.layerSize(network.getnLayers() - 1);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(args[2]), 1 << 16))) {
            out.writeInt(n);
            out.writeInt(classes);
            for (int start = 0; start < n; start += 500) {
                int rows = Math.min(500, n - start);
                float[] x = new float[rows * pixels];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (images[start * pixels + i] & 0xff) / 255f;
                }
                float[][] p = network.output(Nd4j.create(x, new long[] {rows, pixels}, 'c')).toFloatMatrix();
                for (float[] row : p) {
                    for (float v : row) {
                        out.writeFloat(v);
                    }
                }
            }
        }
        System.out.println("scored " + n + " images");
    }
}
