package dev.sparknet.jobs;

import dev.sparknet.augment.AugmentPreview;
import dev.sparknet.augment.ElasticSettings;
import dev.sparknet.config.AugmentConfig;
import dev.sparknet.data.MnistArrays;
import dev.sparknet.data.MnistSplit;
import dev.sparknet.report.AugmentGridPlot;
import dev.sparknet.training.EpochFeed;
import dev.sparknet.training.TrainingConfig;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The `mnist` job's augmentation: what each epoch trains on, and augment.png. */
final class AugmentedTraining {
    static final String PREVIEW = "augment.png";
    /** Training images shown in augment.png, and the epochs whose distortions are shown beside each. */
    static final int PREVIEW_IMAGES = 8;
    static final int PREVIEW_EPOCHS = 7;

    private AugmentedTraining() {
    }

    static EpochFeed feed(AugmentConfig augment, PreparedData data, TrainingConfig training, MnistSplit train) {
        if (augment.elastic() != null) {
            LoggerFactory.getLogger(AugmentedTraining.class).info("training images distorted on the executors, afresh "
                    + "every epoch: {}", augment.elastic());
        }
        return EpochFeed.of(data.trainFiles(), data.train(), training.batchSize(), training.seed(),
                augment.epochExamples(), augment.elastic(), train.rows(), train.cols());
    }

    /** augment.png: the first training images beside the distortions the training tasks made of them. */
    static byte[] preview(ElasticSettings elastic, MnistSplit train, int trainCount, long seed, Configuration hadoop) {
        int n = Math.min(PREVIEW_IMAGES, trainCount);
        MnistArrays images = MnistArrays.read(train.imagesPath(), train.labelsPath(), n, hadoop);
        int f = train.pixelsPerImage();
        List<AugmentGridPlot.Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] original = Arrays.copyOfRange(images.pixels(), i * f, (i + 1) * f);
            rows.add(new AugmentGridPlot.Row(i, images.label(i), original, AugmentPreview.distortions(elastic,
                    train.rows(), train.cols(), seed, i, original, PREVIEW_EPOCHS)));
        }
        String settings = String.format("alpha %s, sigma %s px, rotation ±%s°, scale ±%s%%, shear ±%s, translation ±%s px",
                num(elastic.alpha()), num(elastic.sigma()), num(elastic.rotationDegrees()), num(100 * elastic.scale()),
                num(elastic.shear()), num(elastic.translation()));
        return AugmentGridPlot.png(rows, train.rows(), train.cols(), settings);
    }

    private static String num(double v) {
        return new java.math.BigDecimal(String.format("%.4g", v)).stripTrailingZeros().toPlainString();
    }
}
