package dev.sparknet.mlbench;

import dev.sparknet.artifacts.RunProvenance;

import java.util.ArrayList;
import java.util.List;

/**
 * bench-mllib.json: MlpClassifier and MLlib's MultilayerPerceptronClassifier trained in the same Pipeline on the same
 * cached DataFrame with the same layer sizes and Spark tasks; both curves, and for each accuracy level the time each
 * took to reach it and their ratio (MLlib over MlpClassifier; null when either did not reach it).
 *
 * @param activations how the two networks differ inside the same shape (each library's only choice)
 */
public record MllibComparison(String layers, int trainRows, int testRows, int workers, String activations,
                              List<Level> levels, AccuracyCurve mlpClassifier, AccuracyCurve mllib, Settings settings,
                              RunProvenance provenance) {

    public MllibComparison {
        levels = List.copyOf(levels);
    }

    /** Seconds and iterations (epochs, L-BFGS iterations) to the first model at or above {@code accuracy}. */
    public record Level(double accuracy, Double mlpSeconds, Integer mlpEpochs, Double mllibSeconds,
                        Integer mllibIterations, Double mllibOverMlp) {
    }

    public record Settings(double learningRate, double lrDecay, int batch, int averagingFrequency, long seed,
                           int mlpEpochs, int mllibMaxIterations, int mllibChunk, double mllibCapSeconds) {
    }

    static List<Level> levels(List<Double> accuracies, AccuracyCurve mlp, AccuracyCurve mllib) {
        List<Level> out = new ArrayList<>();
        for (double a : accuracies) {
            AccuracyCurve.Point ours = mlp.firstReaching(a);
            AccuracyCurve.Point theirs = mllib.firstReaching(a);
            out.add(new Level(a, ours == null ? null : ours.seconds(), ours == null ? null : ours.iterations(),
                    theirs == null ? null : theirs.seconds(), theirs == null ? null : theirs.iterations(),
                    ours == null || theirs == null ? null : theirs.seconds() / ours.seconds()));
        }
        return out;
    }
}
