package dev.sparknet.approx;

import dev.sparknet.artifacts.RunProvenance;

import java.util.ArrayList;
import java.util.List;

/**
 * metrics.json of an `approx` run: how well the kept network fits inside and outside the training range
 * (in the target's units, beside the target's variance for scale), every restart, the kept one's epochs
 * and first layer, the standardisation the network saw, and where the samples and the run came from.
 * The samples are described in {@code data}; {@code provenance.data} stays empty (no data files).
 */
public record ApproxMetrics(double mseInRange, double mseOutOfRange, double targetVarianceInRange, String target,
                            List<Double> coefficients, List<Double> range, List<List<Double>> outOfRange,
                            String network, int bestRestart, List<RestartRow> restarts, Screening screening,
                            String epochsNote, List<ApproxEpochRow> epochs, FirstLayer firstLayer,
                            Standardizer standardization, double totalSeconds, double trainingSeconds,
                            SyntheticData data, RunProvenance provenance) {
    static final String EPOCHS_NOTE = "epochs of the kept restart; train_loss is DL4J's score after the epoch's last "
            + "averaging (MSE of standardised targets on the workers' last minibatches); train_mse (on the first "
            + "training samples) and validation_mse are in the target's units";

    public ApproxMetrics {
        coefficients = List.copyOf(coefficients);
        range = List.copyOf(range);
        outOfRange = List.copyOf(outOfRange);
        restarts = List.copyOf(restarts);
        epochs = List.copyOf(epochs);
    }

    static ApproxMetrics of(ApproxJobConfig config, Standardizer standardizer, Restarts restarts, FitScores scores,
                            double totalSeconds, RunProvenance provenance) {
        Restart best = restarts.best();
        List<Double> coefficients = new ArrayList<>();
        for (double c : config.target().coefficients()) {
            coefficients.add(c);
        }
        return new ApproxMetrics(scores.mseInRange(), scores.mseOutOfRange(), standardizer.yVariance(),
                config.target().toString(), coefficients, config.range().toList(),
                config.span().outside(config.range()).stream().map(Interval::toList).toList(),
                config.network(0).describe(), best.index() + 1,
                restarts.all().stream().map(RestartRow::of).toList(), Screening.of(config, restarts.all()),
                EPOCHS_NOTE, best.epochs(), FirstLayer.of(best.network(), standardizer), standardizer,
                totalSeconds, restarts.trainingSeconds(), SyntheticData.of(config, scores.outOfRangePoints()),
                provenance);
    }
}
