package dev.sparknet.mlbench;

import dev.sparknet.artifacts.RunProvenance;

import java.util.List;

/**
 * depth-vs-width.json: for each network shape, the cross-validated accuracy of every (seed, learning rate) of the
 * grid, how much it moves, and the test accuracy of the model CrossValidator chose and refitted.
 */
public record DepthVsWidthResult(int cvRows, int testRows, int folds, int epochs, List<Long> seeds,
                                 List<Double> learningRates, List<Shape> shapes, Settings settings,
                                 RunProvenance provenance) {

    public DepthVsWidthResult {
        seeds = List.copyOf(seeds);
        learningRates = List.copyOf(learningRates);
        shapes = List.copyOf(shapes);
    }

    /**
     * @param cv                  over every (seed, learning rate) of the grid
     * @param acrossLearningRates per seed, the spread over the learning rates (its range is the sensitivity to the
     *                            rate); averaged over the seeds
     * @param acrossSeeds         per learning rate, the spread over the seeds; averaged over the rates
     * @param perLearningRate     per learning rate, over the seeds
     */
    public record Shape(String layers, long parameters, List<GridPoint> grid, Spread cv, AveragedSpread acrossLearningRates,
                        AveragedSpread acrossSeeds, List<RateSpread> perLearningRate, GridPoint best,
                        double bestTestAccuracy, double seconds) {
    }

    public record GridPoint(long seed, double learningRate, double cvAccuracy) {
    }

    /** Mean over groups of each group's standard deviation and range. */
    public record AveragedSpread(double meanStd, double meanRange, double largestRange) {
    }

    public record RateSpread(double learningRate, Spread overSeeds) {
    }

    public record Settings(int batch, int averagingFrequency, double lrDecay, long cvSeed) {
    }
}
