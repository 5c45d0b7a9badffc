package dev.sparknet.jobs;

import dev.sparknet.BadInputException;
import dev.sparknet.artifacts.ModelStore;
import dev.sparknet.config.PredictJobConfig;
import dev.sparknet.data.DigitImages;
import dev.sparknet.data.SerializableHadoopConf;
import dev.sparknet.evaluation.Classifier;
import dev.sparknet.spark.SlowStep;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Classify images with a saved model, distributed: PNG/JPEG files (a directory of them or one file,
 * any size, converted to 28x28 grey as MNIST) or an IDX images file. Each task reads its share of the
 * input and scores it with the broadcast parameters; predictions come back in input order and are
 * published as predictions.csv ({@code name,predicted,p0..p9}).
 */
public final class PredictJob {
    public static final String PREDICTIONS_FILE = PredictionsCsv.PREDICTIONS_FILE;
    public static final String SKIPPED_FILE = PredictionsCsv.SKIPPED_FILE;
    private static final Logger log = LoggerFactory.getLogger(PredictJob.class);

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
        JobHarness job = JobHarness.begin("predict");
        MultiLayerNetwork model = ModelStore.load(config.model(), job.hadoop());
        long inputs = model.layerInputSize(0);
        int side = DigitImages.sideFor(inputs);
        PredictInput input = PredictInput.locate(config.input(), job.hadoop(), side > 0 ? side : DigitImages.SIDE);
        if (inputs != input.pixels()) {
            throw new BadInputException("--model " + config.model() + ": takes " + inputs + " inputs, but --input "
                    + config.input() + " gives " + input.pixels() + " pixels per image");
        }
        boolean skipBad = config.skipBadImages();
        List<Prediction> results = job.run(new JobHarness.Target(config.output(), config.overwrite(), config.master(),
                "", config.workers()), run -> {
            List<Prediction> all = classifyAll(run, input, model, config.batchSize(), skipBad);
            List<Prediction> readable = all.stream().filter(p -> !p.isSkipped()).toList();
            if (readable.isEmpty()) {
                throw new BadInputException("--input " + config.input() + ": none of its " + all.size()
                        + " images could be read (the first: " + all.get(0).refusal() + ")");
            }
            run.output().writeString(PREDICTIONS_FILE, PredictionsCsv.predictions(readable,
                    (int) model.layerSize(model.getnLayers() - 1)));
            if (skipBad) {
                run.output().writeString(SKIPPED_FILE,
                        PredictionsCsv.skipped(all.stream().filter(Prediction::isSkipped).toList()));
            }
            return all;
        });
        List<Prediction> predictions = results.stream().filter(p -> !p.isSkipped()).toList();
        log.info("{} images classified in {} s; {} published to {}", predictions.size(),
                String.format("%.1f", job.seconds()),
                skipBad ? PREDICTIONS_FILE + " and " + SKIPPED_FILE : PREDICTIONS_FILE, job.published());
        if (predictions.size() < results.size()) {
            log.warn("{} of {} images skipped as unreadable; their names and reasons are in {}",
                    results.size() - predictions.size(), results.size(), SKIPPED_FILE);
        }
        return predictions;
    }

    /** Every input read and scored on the executors with the broadcast network, in input order. */
    private static List<Prediction> classifyAll(JobHarness.Context run, PredictInput input, MultiLayerNetwork model,
                                                int batch, boolean skipBad) {
        JavaSparkContext sc = run.sc();
        int workers = run.workers();
        Broadcast<Weights> weights = sc.broadcast(new Weights(model.getLayerWiseConfigurations().toJson(),
                model.params().toFloatVector()));
        SerializableHadoopConf conf = new SerializableHadoopConf(sc.hadoopConfiguration());
        try (SlowStep step = SlowStep.start(sc, "classifying " + input.count() + " images")) {
            if (input.images() != null) {
                int imageSide = DigitImages.sideFor(input.pixels());
                return sc.parallelize(input.images(), Math.max(1, Math.min(workers, input.images().size())))
                        .mapPartitions(paths -> classify(PredictInput.readImages(paths, conf, skipBad, imageSide), weights.value(), batch))
                        .collect();
            }
            String idx = input.idx();
            return sc.parallelize(PredictInput.ranges(input.count(), workers), Math.max(1, Math.min(workers, input.count())))
                    .mapPartitions(ranges -> classify(PredictInput.readIdx(idx, ranges, conf), weights.value(), batch))
                    .collect();
        } finally {
            weights.destroy();
        }
    }

    private static Iterator<Prediction> classify(Iterator<PredictInput.Pixels> inputs, Weights weights, int batch) {
        List<PredictInput.Pixels> readable = new ArrayList<>();
        List<Prediction> out = new ArrayList<>();
        inputs.forEachRemaining(p -> {
            if (p.pixels() == null) {
                out.add(Prediction.skipped(p.name(), p.refusal()));
            } else {
                readable.add(p);
            }
        });
        if (readable.isEmpty()) {
            return out.iterator();
        }
        float[][] probabilities = new Classifier(weights.network(), batch).probabilities(
                readable.stream().map(PredictInput.Pixels::pixels).toList(), readable.get(0).pixels().length);
        for (int r = 0; r < readable.size(); r++) {
            out.add(new Prediction(readable.get(r).name(), Classifier.argmax(probabilities[r]), probabilities[r]));
        }
        return out.iterator();
    }
}
