package dev.sparknet.jobs;

import dev.sparknet.BadInputException;
import dev.sparknet.config.ConvertJobConfig;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.data.MnistFiles;
import dev.sparknet.data.NameNodeProbe;
import dev.sparknet.data.ParquetDataset;
import dev.sparknet.data.ParquetExport;
import dev.sparknet.spark.SlowStep;
import dev.sparknet.spark.SparkContexts;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IDX dataset (any image size, any K) written as the Parquet dataset the training jobs also read: {@code train/}
 * and {@code test/} tables of {@code label} (int) and {@code features} (a dense Spark ML vector of pixel / 255), in
 * the files' order. The IDX files are validated first, on the driver; the tables are written on the executors into
 * the staged output, which appears at {@code --output} only once both are complete.
 */
public final class ConvertJob {
    private static final Logger log = LoggerFactory.getLogger(ConvertJob.class);

    private ConvertJob() {
    }

    /** Converts and publishes; returns the published directory. */
    public static String run(ConvertJobConfig config) {
        JobHarness job = JobHarness.begin("convert");
        NameNodeProbe.requireAnswering(job.hadoop(), "--data", config.data().data(), "--output", config.output());
        if (DataFiles.isTables(config.data(), job.hadoop())) {
            throw new BadInputException("--data " + config.data().data() + ": already a Parquet dataset (train/ and"
                    + " test/ tables); convert reads the four IDX files");
        }
        MnistDataset data = MnistFiles.locateAndValidate(DataFiles.ready(config.data()), job.hadoop());
        job.run(new JobHarness.Target(config.output(), config.overwrite(), config.master(), "", 0), run -> {
            SparkSession spark = SparkContexts.session(run.sc());
            try (SlowStep step = SlowStep.start(run.sc(), "writing the Parquet tables")) {
                ParquetExport.write(spark, data.train(), run.output().staged(ParquetDataset.TRAIN).toString(), run.workers());
                ParquetExport.write(spark, data.test(), run.output().staged(ParquetDataset.TEST).toString(), run.workers());
            }
            return null;
        });
        log.info("{} training and {} test images of {}x{} ({} classes) written as Parquet tables {}/ and {}/ in {} s;"
                        + " published to {}", data.train().count(), data.test().count(), data.train().rows(),
                data.train().cols(), data.numClasses(), ParquetDataset.TRAIN, ParquetDataset.TEST,
                String.format("%.1f", job.seconds()), job.published());
        return job.published();
    }
}
