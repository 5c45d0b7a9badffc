package dev.sparknet.config;

/**
 * Everything one `predict` run needs: a saved model, the images to classify, where to write, and whether a
 * bad image stops the run (the default) or is listed in skipped.csv.
 */
public record PredictJobConfig(String model, String input, String output, String master, int batchSize,
                               int workers, int show, boolean overwrite, boolean skipBadImages) {

    public static PredictJobConfig from(Settings s) {
        return new PredictJobConfig(s.required("model"), s.required("input"), s.required("output"),
                s.string("master", ""), s.positiveInt("batch"), s.nonNegativeInt("workers"), s.nonNegativeInt("show"),
                s.flag("overwrite"), s.flag("skip-bad-images"));
    }
}
