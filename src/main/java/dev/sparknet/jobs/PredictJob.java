package dev.sparknet.jobs;

import dev.sparknet.spark.TaskBadInput;
import dev.sparknet.spark.SlowStep;
import dev.sparknet.spark.SparkContexts;
import dev.sparknet.BadInputException;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.artifacts.StagedOutput;
import dev.sparknet.config.PredictJobConfig;
import dev.sparknet.data.DigitImages;
import dev.sparknet.data.HadoopFiles;
import dev.sparknet.data.IdxHeader;
import dev.sparknet.data.IdxReader;
import dev.sparknet.data.SerializableHadoopConf;
import dev.sparknet.report.TestErrors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Classify images with a saved model, distributed: PNG/JPEG files (a directory of them or one file,
 * any size, converted to 28x28 grey as MNIST) or an IDX images file. Each task reads its share of the
 * input and scores it with the broadcast parameters; predictions come back in input order and are
 * published as predictions.csv ({@code name,predicted,p0..p9}).
 */
public final class PredictJob {
    public static final String PREDICTIONS_FILE = "predictions.csv";
    public static final String SKIPPED_FILE = "skipped.csv";
    private static final Logger log = LoggerFactory.getLogger(PredictJob.class);

    /**
     * One input's result: its name (file name, or index in an IDX file), the digit, every class's
     * probability. A plain class (not a record): task results travel through Kryo, which cannot set a
     * record's final fields.
     */
    public static final class Prediction implements Serializable {
        private String name;
        private int predicted;
        private float[] probabilities;
        /** Why the input was skipped (--skip-bad-images); null for a classified one. */
        private String refusal;

        @SuppressWarnings("unused") // Kryo
        private Prediction() {
        }

        public Prediction(String name, int predicted, float[] probabilities) {
            this.name = name;
            this.predicted = predicted;
            this.probabilities = probabilities;
        }

        static Prediction skipped(String name, String reason) {
            Prediction p = new Prediction(name, -1, null);
            p.refusal = reason;
            return p;
        }

        public String name() {
            return name;
        }

        public boolean isSkipped() {
            return refusal != null;
        }

        public String refusal() {
            return refusal;
        }

        public int predicted() {
            return predicted;
        }

        public float[] probabilities() {
            return probabilities.clone();
        }

        /** The {@code k} most probable classes, most probable first. */
        public List<Integer> top(int k) {
            List<Integer> classes = new ArrayList<>();
            for (int c = 0; c < probabilities.length; c++) {
                classes.add(c);
            }
            classes.sort(Comparator.comparingDouble((Integer c) -> -probabilities[c]));
            return classes.subList(0, Math.min(k, classes.size()));
        }
    }

    /**
     * The network as executors rebuild it: configuration JSON and flat parameters. A plain class: broadcasts
     * travel through Kryo, which cannot build records.
     */
    static final class Weights implements Serializable {
        private String configuration;
        private float[] parameters;

        @SuppressWarnings("unused") // Kryo
        private Weights() {
        }

        Weights(String configuration, float[] parameters) {
            this.configuration = configuration;
            this.parameters = parameters;
        }

        MultiLayerNetwork network() {
            MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(configuration);
            MultiLayerNetwork network = new MultiLayerNetwork(conf);
            network.init(Nd4j.create(parameters, new long[]{1, parameters.length}, 'c').castTo(conf.getDataType()), false);
            return network;
        }
    }

    private PredictJob() {
    }

    public static List<Prediction> run(PredictJobConfig config) {
        Configuration hadoop = SparkContexts.hadoopConfigurationBeforeSpark();
        MultiLayerNetwork model = ModelStore.load(config.model(), hadoop);
        long inputs = model.layerInputSize(0);
        Input input = Input.locate(config.input(), hadoop);
        if (inputs != input.pixels()) {
            throw new BadInputException("--model " + config.model() + ": takes " + inputs + " inputs, but --input "
                    + config.input() + " gives " + input.pixels() + " pixels per image");
        }
        long start = System.nanoTime();
        try (StagedOutput output = StagedOutput.begin(config.output(), config.overwrite(), hadoop);
             JavaSparkContext sc = SparkContexts.start("sparknet predict", config.master())) {
            int workers = config.workers() > 0 ? config.workers() : sc.defaultParallelism();
            Broadcast<Weights> weights = sc.broadcast(new Weights(model.getLayerWiseConfigurations().toJson(),
                    model.params().toFloatVector()));
            SerializableHadoopConf conf = new SerializableHadoopConf(sc.hadoopConfiguration());
            int batch = config.batchSize();
            List<Prediction> results;
            boolean skipBad = config.skipBadImages();
            try (SlowStep step = SlowStep.start(sc, "classifying " + input.count() + " images")) {
                if (input.images() != null) {
                    results = sc.parallelize(input.images(), Math.max(1, Math.min(workers, input.images().size())))
                            .mapPartitions(paths -> classify(readImages(paths, conf, skipBad), weights.value(), batch))
                            .collect();
                } else {
                    String idx = input.idx();
                    results = sc.parallelize(ranges(input.count(), workers), Math.max(1, Math.min(workers, input.count())))
                            .mapPartitions(ranges -> classify(readIdx(idx, ranges, conf), weights.value(), batch))
                            .collect();
                }
            }
            weights.destroy();
            List<Prediction> predictions = results.stream().filter(p -> !p.isSkipped()).toList();
            List<Prediction> skipped = results.stream().filter(Prediction::isSkipped).toList();
            if (predictions.isEmpty()) {
                throw new BadInputException("--input " + config.input() + ": none of its " + results.size()
                        + " images could be read (the first: " + skipped.get(0).refusal() + ")");
            }
            output.writeString(PREDICTIONS_FILE, csv(predictions));
            if (skipBad) {
                output.writeString(SKIPPED_FILE, skippedCsv(skipped));
            }
            output.publish();
            log.info("{} images classified in {} s; {} published to {}", predictions.size(),
                    String.format("%.1f", (System.nanoTime() - start) / 1e9),
                    skipBad ? PREDICTIONS_FILE + " and " + SKIPPED_FILE : PREDICTIONS_FILE, output.target());
            if (!skipped.isEmpty()) {
                log.warn("{} of {} images skipped as unreadable; their names and reasons are in {}", skipped.size(),
                        results.size(), SKIPPED_FILE);
            }
            return predictions;
        }
    }

    /** What --input names: image files (sorted by name) or one IDX images file. */
    record Input(List<String> images, String idx, int count, long pixels) {
        static Input locate(String path, Configuration conf) {
            try {
                Path p = new Path(path);
                var fs = HadoopFiles.fileSystem(path, conf);
                if (!fs.exists(p)) {
                    throw new BadInputException("--input " + path + ": no such file or directory");
                }
                if (fs.getFileStatus(p).isDirectory()) {
                    List<String> images = Arrays.stream(fs.listStatus(p)).filter(FileStatus::isFile)
                            .map(f -> f.getPath().toString()).filter(n -> DigitImages.isImageName(n)).sorted().toList();
                    if (images.isEmpty()) {
                        throw new BadInputException("--input " + path + ": no .png, .jpg or .jpeg files in this directory");
                    }
                    return new Input(images, null, images.size(), (long) DigitImages.SIDE * DigitImages.SIDE);
                }
                if (DigitImages.isImageName(p.getName())) {
                    return new Input(List.of(fs.makeQualified(p).toString()), null, 1, (long) DigitImages.SIDE * DigitImages.SIDE);
                }
                try (InputStream raw = HadoopFiles.open(path, conf)) {
                    IdxHeader header = IdxReader.readImagesHeader(
                            new DataInputStream(IdxReader.decompressIfGzip(raw, path)), path);
                    if (header.count() == 0) {
                        throw new BadInputException("--input " + path + ": holds no images");
                    }
                    return new Input(null, path, header.count(), header.pixelsPerImage());
                }
            } catch (BadInputException e) {
                throw e.getMessage().startsWith("--input") ? e : new BadInputException("--input " + e.getMessage()
                        + " (expected a directory of PNG/JPEG images, one such image, or an IDX images file)");
            } catch (IOException e) {
                throw new BadInputException("--input " + path + ": cannot read (" + e.getMessage() + ")");
            }
        }
    }

    /** Contiguous ranges {from, to} of an IDX file, one per task (int[]: partition data travels through Kryo). */
    static List<int[]> ranges(int count, int parts) {
        int n = Math.max(1, Math.min(parts, count));
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new int[]{(int) ((long) count * i / n), (int) ((long) count * (i + 1) / n)});
        }
        return out;
    }

    /** An input's pixels, or (pixels null) the reason it could not be read. */
    private record Pixels(String name, byte[] pixels, String refusal) {
        Pixels(String name, byte[] pixels) {
            this(name, pixels, null);
        }
    }

    /**
     * Each image read on the executor with {@link DigitImages#read}'s bounds. A bad one stops the job (its
     * BadInputException reaches the user as one line, see TaskBadInput) unless {@code skipBad}.
     */
    private static Iterator<Pixels> readImages(Iterator<String> paths, SerializableHadoopConf conf, boolean skipBad) {
        List<Pixels> out = new ArrayList<>();
        while (paths.hasNext()) {
            String path = paths.next();
            String name = new Path(path).getName();
            try (InputStream in = HadoopFiles.open(path, conf.get())) {
                out.add(new Pixels(name, DigitImages.read(in, path)));
            } catch (BadInputException e) {
                if (!skipBad) {
                    throw e;
                }
                String reason = e.getMessage().startsWith(path) ? e.getMessage().substring(path.length()).replaceFirst("^: ", "")
                        : e.getMessage();
                out.add(new Pixels(name, null, reason));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        return out.iterator();
    }

    private static Iterator<Pixels> readIdx(String path, Iterator<int[]> ranges, SerializableHadoopConf conf) {
        List<Pixels> out = new ArrayList<>();
        while (ranges.hasNext()) {
            int[] range = ranges.next();
            try (InputStream raw = HadoopFiles.open(path, conf.get())) {
                DataInputStream in = new DataInputStream(IdxReader.decompressIfGzip(raw, path));
                IdxHeader header = IdxReader.readImagesHeader(in, path);
                int f = header.pixelsPerImage();
                in.skipNBytes((long) range[0] * f);
                for (int i = range[0]; i < range[1]; i++) {
                    out.add(new Pixels(Integer.toString(i), IdxReader.readBody(in, f, path)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        return out.iterator();
    }

    private static Iterator<Prediction> classify(Iterator<Pixels> inputs, Weights weights, int batch) {
        MultiLayerNetwork network = weights.network();
        List<Pixels> all = new ArrayList<>();
        List<Prediction> out = new ArrayList<>();
        inputs.forEachRemaining(p -> {
            if (p.pixels() == null) {
                out.add(Prediction.skipped(p.name(), p.refusal()));
            } else {
                all.add(p);
            }
        });
        for (int from = 0; from < all.size(); from += batch) {
            int n = Math.min(batch, all.size() - from);
            int f = all.get(from).pixels().length;
            float[] features = new float[n * f];
            for (int r = 0; r < n; r++) {
                byte[] p = all.get(from + r).pixels();
                for (int i = 0; i < f; i++) {
                    features[r * f + i] = (p[i] & 0xff) * (1f / 255f);
                }
            }
            INDArray output = network.output(Nd4j.create(features, new long[]{n, f}, 'c'), false);
            float[][] probabilities = output.toFloatMatrix();
            for (int r = 0; r < n; r++) {
                out.add(new Prediction(all.get(from + r).name(), TestErrors.argmax(probabilities[r]), probabilities[r]));
            }
        }
        return out.iterator();
    }

    static String csv(List<Prediction> predictions) {
        int classes = predictions.isEmpty() ? 10 : predictions.get(0).probabilities().length;
        StringBuilder s = new StringBuilder("name,predicted");
        for (int c = 0; c < classes; c++) {
            s.append(",p").append(c);
        }
        s.append('\n');
        for (Prediction p : predictions) {
            s.append(csvField(p.name())).append(',').append(p.predicted());
            for (float v : p.probabilities()) {
                s.append(',').append(String.format(Locale.ROOT, "%.6f", v));
            }
            s.append('\n');
        }
        return s.toString();
    }

    static String skippedCsv(List<Prediction> skipped) {
        StringBuilder s = new StringBuilder("name,reason\n");
        for (Prediction p : skipped) {
            s.append(csvField(p.name())).append(',').append(csvField(p.refusal())).append('\n');
        }
        return s.toString();
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** "7 (99.1%), 9 (0.6%), 4 (0.2%)": the top guesses of one prediction. */
    public static String topGuesses(Prediction p, int k) {
        StringBuilder s = new StringBuilder();
        for (int c : p.top(k)) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(String.format(Locale.ROOT, "%d (%.1f%%)", c, 100 * p.probabilities()[c]));
        }
        return s.toString();
    }
}
