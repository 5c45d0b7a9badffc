package dev.sparknet.jobs;

import dev.sparknet.BadInputException;
import dev.sparknet.JobFailedException;
import dev.sparknet.artifacts.StagedOutput;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.data.MnistDownload;
import dev.sparknet.data.MnistFile;
import dev.sparknet.data.MnistFiles;
import dev.sparknet.spark.SparkContexts;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Fetch the four MNIST files into a directory (any Hadoop path) for {@code --data}. No Spark: the files
 * are streamed into a staged directory, md5-checked, validated as MNIST, and only then published.
 */
public final class DownloadJob {
    private static final Logger log = LoggerFactory.getLogger(DownloadJob.class);

    private DownloadJob() {
    }

    /** Downloads, verifies and publishes; returns the published directory. */
    public static String run(String output, String url, boolean overwrite) {
        return run(output, new MnistDownload(url), MnistFile.FILES, overwrite);
    }

    /** With any download and file list, so tests can serve files whose checksums are their own. */
    static String run(String output, MnistDownload download, List<MnistFile> files, boolean overwrite) {
        Configuration hadoop = SparkContexts.hadoopConfigurationBeforeSpark();
        try (StagedOutput out = StagedOutput.begin(output, overwrite, hadoop)) {
            download.downloadAll(files, out::create);
            String staged = out.staged(files.get(0).name()).getParent().toString();
            MnistDataset dataset;
            try {
                dataset = MnistFiles.locateAndValidate(staged, hadoop);
            } catch (BadInputException e) {
                // The files passed their checksums but are not MNIST: name them by the URL they came from.
                String base = download.url("");
                throw new JobFailedException("the files downloaded from " + base + " are not a valid MNIST dataset: "
                        + e.getMessage().replace(staged + "/", base).replace(staged, base) + "; nothing was published", e);
            }
            out.publish();
            log.info("MNIST ({} training and {} test images, md5-checked) published to {}; use --data {}",
                    dataset.train().count(), dataset.test().count(), out.target(), out.target());
            return out.target();
        }
    }
}
