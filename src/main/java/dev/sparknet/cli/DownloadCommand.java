package dev.sparknet.cli;

import dev.sparknet.config.Settings;
import dev.sparknet.jobs.DownloadJob;

import java.util.List;

/** Flags of the `download` job. */
final class DownloadCommand extends Command {
    private static final List<Flag> OWN = Flag.table("""
            --output DIR  where to publish the four files (any Hadoop path); must not exist yet
            --url URL     base URL holding the four .gz files; the original is http://yann.lecun.com/exdb/mnist
            """);

    DownloadCommand() {
        super("download",
                "fetch the four MNIST files, md5-checked, into a directory for --data (no Spark)",
                "Writes DIR/{train,t10k}-{images,labels}-idx?-ubyte.gz, all four or nothing: each file's md5 is\n"
                        + "checked against the canonical one and the set is validated as MNIST before DIR appears. Example:\n"
                        + "  submit/local.sh download --output data/mnist\n"
                        + "  submit/local.sh mnist --data data/mnist --output runs/mnist-1\n"
                        + "Without network access, copy the four files by other means and point --data at their directory.\n",
                OWN, Flag.PUBLISHING_JOB);
    }

    @Override
    int run(Settings settings) {
        DownloadJob.run(settings.required("output"), settings.required("url"), settings.flag("overwrite"));
        return Main.OK;
    }
}
