package dev.sparknet.artifacts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sparknet.augment.Augmentation;
import dev.sparknet.evaluation.TestScores;

import java.util.List;

/**
 * metrics.json, and the provenance inside model.zip: the final test scores, the per-epoch history and
 * where the run came from. With a validation split, {@code keptEpoch} is the epoch whose parameters were
 * kept (the best on validation) and {@code validationAccuracy} its validation score; the test figures are
 * that epoch's. {@code augmentation} says how the training images were augmented (mnist only);
 * {@code champion} is there only for a model promoted by {@code retrain}.
 */
public record MetricsFile(double testAccuracy, long testExamples,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Double validationAccuracy,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer keptEpoch,
                          double totalSeconds, List<EpochRow> epochs,
                          TestScores test, RunProvenance provenance,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Augmentation augmentation,
                          @JsonInclude(JsonInclude.Include.NON_NULL) ChampionComparison champion) {

    public MetricsFile {
        epochs = List.copyOf(epochs);
    }

    public static MetricsFile of(TestScores test, double totalSeconds, List<EpochRow> epochs, RunProvenance provenance) {
        return new MetricsFile(test.accuracy(), test.examples(), null, null, totalSeconds, epochs, test, provenance, null, null);
    }

    /** The kept epoch (chosen on validation) and its validation accuracy. */
    public MetricsFile withValidation(double accuracy, int epoch) {
        return new MetricsFile(testAccuracy, testExamples, accuracy, epoch, totalSeconds, epochs, test, provenance,
                augmentation, champion);
    }

    public MetricsFile withAugmentation(Augmentation how) {
        return new MetricsFile(testAccuracy, testExamples, validationAccuracy, keptEpoch, totalSeconds, epochs, test,
                provenance, how, champion);
    }

    public MetricsFile withChampion(ChampionComparison comparison) {
        return new MetricsFile(testAccuracy, testExamples, validationAccuracy, keptEpoch, totalSeconds, epochs, test,
                provenance, augmentation, comparison);
    }
}
