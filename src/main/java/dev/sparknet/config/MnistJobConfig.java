package dev.sparknet.config;

import dev.sparknet.model.MlpSpec;
import dev.sparknet.training.TrainingConfig;

import java.util.List;
import java.util.Map;

/**
 * Everything one `mnist` run needs, validated once. {@code data} is --data or the dataset cache. {@code trainLimit}/{@code testLimit} cut the data
 * for quick experiments and tests (0 = all of it).
 */
public record MnistJobConfig(DataChoice data, String output, String workDir, String master, List<Integer> hidden,
                             double learningRate, TrainingConfig training, AugmentConfig augment, int trainLimit, int testLimit,
                             boolean overwrite, Map<String, String> settings) {

    public MnistJobConfig {
        hidden = List.copyOf(hidden);
        settings = Map.copyOf(settings);
    }

    public static MnistJobConfig from(Settings s) {
        return new MnistJobConfig(DataChoice.from(s), s.required("output"), s.string("work-dir", ""),
                s.string("master", ""), s.positiveIntList("hidden"), s.positiveDouble("learning-rate"),
                TrainingSettings.from(s), AugmentConfig.from(s), s.nonNegativeInt("train-limit"), s.nonNegativeInt("test-limit"),
                s.flag("overwrite"), s.asMap());
    }

    /** The network for images of {@code inputs} pixels and {@code classes} classes, both read from the data. */
    public MlpSpec network(int inputs, int classes) {
        return new MlpSpec(inputs, hidden, classes, MlpSpec.Head.SOFTMAX_CROSS_ENTROPY,
                learningRate, training.seed());
    }
}
