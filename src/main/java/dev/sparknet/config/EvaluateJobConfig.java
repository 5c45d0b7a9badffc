package dev.sparknet.config;

/** Everything one `evaluate` run needs: a saved model, the dataset whose test split it scores, where to write. */
public record EvaluateJobConfig(String model, DataChoice data, String output, String workDir, String master,
                                int batchSize, int workers, int testLimit, boolean overwrite) {

    public static EvaluateJobConfig from(Settings s) {
        return new EvaluateJobConfig(s.required("model"), DataChoice.from(s), s.required("output"),
                s.string("work-dir", ""), s.string("master", ""), s.positiveInt("batch"), s.nonNegativeInt("workers"),
                s.nonNegativeInt("test-limit"), s.flag("overwrite"));
    }
}
