package dev.sparknet.cli;

import dev.sparknet.config.ConvertJobConfig;
import dev.sparknet.config.Settings;
import dev.sparknet.jobs.ConvertJob;

import java.util.List;

/** Flags of the `convert` job. */
final class ConvertCommand extends Command {
    private static final List<Flag> OWN = Flag.table("""
            --data DIR     directory with the four IDX files (.gz or raw) of any image size and classes: file:, hdfs:,
                           s3a:; without it, the --dataset cache, fetched on first use
            --dataset mnist|fashion-mnist  without --data: the public set read from $SPARKNET_DATA_DIR/<set> (default
                           ~/.cache/sparknet/<set>), fetched there (md5-checked) when missing
            --output DIR   where to publish the train/ and test/ Parquet tables; must not exist yet
            """);

    ConvertCommand() {
        super("convert",
                "write an IDX dataset as Parquet tables (train/, test/) that mnist --data and Spark ML read",
                "Writes DIR/train/ and DIR/test/, each a directory of Parquet files as Spark writes them, in the IDX\n"
                        + "files' order, with two columns: label (int, the class) and features (a dense Spark ML vector,\n"
                        + "one value per pixel, row-major, scaled to pixel / 255 in [0, 1]). DIR appears only once both\n"
                        + "tables are complete. mnist and bench read such a directory as --data; so may tables of your own:\n"
                        + "label of any integer type (or a double holding a whole number) 0..254; features a vector,\n"
                        + "array<float> or array<double> of pixels in [0, 1], or array<byte> or binary of pixels 0..255,\n"
                        + "N values per row (a square image when N is a square, else 1 x N). Example:\n"
                        + "  submit/local.sh convert --data ../shared/datasets/mnist --output data/mnist-parquet\n"
                        + "  submit/local.sh mnist --data data/mnist-parquet --output runs/mnist-pq\n",
                OWN, Flag.SPARK, Flag.PUBLISHING_JOB);
    }

    @Override
    int run(Settings settings) {
        ConvertJob.run(ConvertJobConfig.from(settings));
        return Main.OK;
    }
}
