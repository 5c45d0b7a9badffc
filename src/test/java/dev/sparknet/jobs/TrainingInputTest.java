package dev.sparknet.jobs;

import dev.sparknet.BadInputException;
import dev.sparknet.config.DataChoice;
import dev.sparknet.data.PublicDataset;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which --data is Parquet, and what is refused before Spark starts; no SparkContext here. */
class TrainingInputTest {
    @TempDir
    Path tmp;

    private static DataChoice data(Path dir) {
        return new DataChoice(dir.toString(), PublicDataset.MNIST, "", "");
    }

    @Test
    void aFolderWithTrainAndTestTablesIsParquetAndLeftForTheRun() throws IOException {
        Files.createDirectories(tmp.resolve("train"));
        Files.createDirectories(tmp.resolve("test"));
        assertTrue(TrainingInput.check(data(tmp), new Configuration(), null, null, "").parquet());
    }

    @Test
    void aMissingTestTableIsRefusedBeforeSpark() throws IOException {
        Files.createDirectories(tmp.resolve("train"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> TrainingInput.check(data(tmp), new Configuration(), null, null, ""));
        assertEquals("--data " + tmp + ": no test/ directory (a Parquet dataset holds train/ and test/, each a directory"
                + " of Parquet files with columns label and features)", e.getMessage());
    }

    @Test
    void retrainWhichReadsIdxOnlySaysSoForParquet() throws IOException {
        Files.createDirectories(tmp.resolve("train"));
        Files.createDirectories(tmp.resolve("test"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> DataFiles.forTraining(data(tmp), new Configuration(), null, null, ""));
        assertTrue(e.getMessage().contains("a Parquet dataset (train/ and test/ tables); this job reads IDX files only"),
                e.getMessage());
    }

    @Test
    void anIdxFolderIsNotParquetAndKeepsItsMessages() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> TrainingInput.check(data(tmp), new Configuration(), null, null, ""));
        assertTrue(e.getMessage().startsWith("--data " + tmp + ": no train-images file"), e.getMessage());
    }
}
