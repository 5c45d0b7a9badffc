package dev.sparknet.config;

import dev.sparknet.model.MlpSpec;

import java.util.Map;

/** Everything one `bench` run needs: the mnist settings to compare under, plus the accuracy target. */
public record BenchJobConfig(MnistJobConfig mnist, double targetAccuracy, double gemmSeconds, boolean skipSingle) {

    public static BenchJobConfig from(Settings s) {
        double target = s.positiveDouble("target-accuracy");
        if (target >= 1) {
            throw s.bad("target-accuracy", "must be below 1 (a fraction, e.g. 0.98)");
        }
        return new BenchJobConfig(MnistJobConfig.from(s), target, s.positiveDouble("gemm-seconds"), s.flag("skip-single"));
    }

    public MlpSpec network(int inputs, int classes) {
        return mnist.network(inputs, classes);
    }

    public Map<String, String> settings() {
        return mnist.settings();
    }
}
