package dev.sparknet.jobs;

import dev.sparknet.config.DataChoice;
import dev.sparknet.data.MnistDataset;
import dev.sparknet.data.ParquetDataset;
import dev.sparknet.model.MlpSpec;
import dev.sparknet.spark.SlowStep;
import dev.sparknet.spark.SparkContexts;
import dev.sparknet.training.TrainingConfig;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BiFunction;

/**
 * The data a training job reads, checked as early as it can be. An IDX folder (or the cache) is validated, and the
 * network checked against the memory, before Spark starts, as {@link DataFiles#forTraining} always did. A Parquet
 * dataset ({@link ParquetDataset}) needs Spark to be read, and a job has one SparkContext, the harness's: it is
 * converted inside the run, into the IDX files the engine reads, in the run's scratch directory (which every executor
 * reads), and the memory check follows with the data's image size and K, before any minibatch is cut.
 */
public final class TrainingInput {
    private static final Logger log = LoggerFactory.getLogger(TrainingInput.class);
    /** The converted files' folder inside the scratch directory (removed with it). */
    static final String IDX_FOLDER = "parquet-as-idx";

    private final MnistDataset idx;
    private final String table;
    private final BiFunction<Integer, Integer, MlpSpec> network;
    private final TrainingConfig training;
    private final String master;

    private TrainingInput(MnistDataset idx, String table, BiFunction<Integer, Integer, MlpSpec> network,
                          TrainingConfig training, String master) {
        this.idx = idx;
        this.table = table;
        this.network = network;
        this.training = training;
        this.master = master;
    }

    /** IDX data validated and checked now; a Parquet dataset only recognised (it is read by {@link #dataset}). */
    public static TrainingInput check(DataChoice choice, Configuration hadoop, BiFunction<Integer, Integer, MlpSpec> network,
                                      TrainingConfig training, String master) {
        if (DataFiles.isTables(choice, hadoop)) {
            ParquetDataset.requireTables(choice.data(), hadoop);
            return new TrainingInput(null, choice.data(), network, training, master);
        }
        return new TrainingInput(DataFiles.forTraining(choice, hadoop, network, training, master), null, network,
                training, master);
    }

    /** Whether --data is a Parquet dataset, read only once Spark is up. */
    public boolean parquet() {
        return table != null;
    }

    /** The dataset as validated IDX files; a Parquet one is converted now, on the run's Spark (which this starts). */
    public MnistDataset dataset(JobHarness.Context run) {
        if (idx != null) {
            return idx;
        }
        MnistDataset data = readTables(run, table);
        DataFiles.requireMemory(data, network, training, master);
        return data;
    }

    /** A Parquet dataset read and validated on the run's Spark (which this starts), as IDX files in its scratch. */
    static MnistDataset readTables(JobHarness.Context run, String table) {
        long start = System.nanoTime();
        MnistDataset data;
        try (SlowStep step = SlowStep.start(run.sc(), "reading the Parquet tables")) {
            data = ParquetDataset.toIdx(SparkContexts.session(run.sc()), table, run.scratch().resolve(IDX_FOLDER),
                    run.sc().hadoopConfiguration());
        }
        log.info("Parquet tables {} and {} read and validated on the executors in {} s: {} training and {} test images"
                        + " of {}x{}, {} classes", data.train().table(), data.test().table(),
                String.format("%.1f", (System.nanoTime() - start) / 1e9), data.train().count(), data.test().count(),
                data.train().rows(), data.train().cols(), data.numClasses());
        return data;
    }
}
