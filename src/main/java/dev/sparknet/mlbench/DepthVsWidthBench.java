package dev.sparknet.mlbench;

import dev.sparknet.config.DepthVsWidthConfig;
import dev.sparknet.config.MnistJobConfig;
import dev.sparknet.jobs.DataFiles;
import dev.sparknet.model.MlpSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * `bench --depth-vs-width`: is a stack of hidden layers of the same total width "less sensitive" than one wide
 * layer, as the tutorial says? Each shape cross-validated over the same seeds and learning rates on the same
 * training rows (the test split untouched until each shape's chosen model is scored). Publishes depth-vs-width.json.
 */
public final class DepthVsWidthBench {
    static final String FILE = "depth-vs-width.json";

    private DepthVsWidthBench() {
    }

    public static DepthVsWidthResult run(DepthVsWidthConfig config) {
        MnistJobConfig mnist = config.mnist();
        // the memory check against the widest shape: the one with the most parameters
        List<Integer> largest = config.shapes().stream().max((a, b) -> Long.compare(
                MlpSpec.parameterCount(DepthVsWidthConfig.layers(DataFiles.FETCHED_PIXELS, a, DataFiles.FETCHED_CLASSES)),
                MlpSpec.parameterCount(DepthVsWidthConfig.layers(DataFiles.FETCHED_PIXELS, b, DataFiles.FETCHED_CLASSES)))).orElseThrow();
        return FrameBench.run(mnist, largest, config.rows(), FILE, frames -> {
            List<DepthVsWidthResult.Shape> shapes = new ArrayList<>();
            for (List<Integer> hidden : config.shapes()) {
                int[] layers = DepthVsWidthConfig.layers(frames.data().train().pixelsPerImage(), hidden,
                        frames.data().numClasses());
                shapes.add(DepthVsWidth.run(config, layers, frames.workers(), frames.run().scratch().resolve("cv"),
                        frames.train(), frames.test()));
            }
            return new DepthVsWidthResult((int) frames.train().count(), (int) frames.test().count(), config.folds(),
                    config.epochs(), Arrays.stream(config.seedValues()).boxed().toList(), config.learningRates(), shapes,
                    new DepthVsWidthResult.Settings(mnist.training().batchSize(), mnist.training().averagingFrequency(),
                            mnist.training().learningRate().decayPerEpoch(), mnist.training().seed()),
                    frames.provenance(mnist));
        });
    }
}
