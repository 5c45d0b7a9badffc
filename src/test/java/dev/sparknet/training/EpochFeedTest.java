package dev.sparknet.training;

import dev.sparknet.augment.ElasticBatchLoader;
import dev.sparknet.augment.ElasticSettings;
import dev.sparknet.data.ByteBatchLoader;
import dev.sparknet.data.ExampleSelection;
import dev.sparknet.data.ValidationSplit;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an epoch is made of: passes over the training files, each with its loader. */
class EpochFeedTest {
    private static final int COUNT = 1000;
    private static final ExampleSelection SELECTION = ExampleSelection.training(ValidationSplit.none(COUNT), 42);
    private static final int BATCH = 64; // 16 files, the last of 40
    private static final List<String> FILES = IntStream.range(0, 16).mapToObj(b -> "train-" + b + ".bin").toList();
    private static final ElasticSettings ELASTIC = new ElasticSettings(34, 4, 12, 0.12, 0.15, 0);

    @Test
    void plainEpochIsOnePassOverTheFilesAsExported() {
        List<EpochPass> passes = EpochFeed.plain(FILES, SELECTION, BATCH, 42).passes(3);
        assertEquals(1, passes.size());
        assertEquals(FILES, passes.get(0).files(), "same files in the same order: the plain job trains as before");
        assertEquals(COUNT, passes.get(0).examples());
        assertInstanceOf(ByteBatchLoader.class, passes.get(0).loader());
    }

    @Test
    void elasticEpochDistortsEveryPassButTrainsOnTheSameFiles() {
        EpochFeed feed = EpochFeed.of(FILES, SELECTION, BATCH, 42, 0, ELASTIC, 28, 28);
        List<EpochPass> passes = feed.passes(1);
        assertEquals(1, passes.size());
        assertEquals(FILES, passes.get(0).files());
        assertInstanceOf(ElasticBatchLoader.class, passes.get(0).loader());
        assertEquals(COUNT, feed.examples(1));
        assertTrue(feed.distorts());
    }

    @Test
    void largerEpochsAreRepeatedPassesAndAPartOne() {
        // 2.5 x the training images: two full passes, then 500 examples rounded up to 8 files of 64
        EpochFeed feed = EpochFeed.of(FILES, SELECTION, BATCH, 42, 2500, ELASTIC, 28, 28);
        List<EpochPass> passes = feed.passes(2);
        assertEquals(3, passes.size());
        assertEquals(FILES, passes.get(0).files());
        assertEquals(new HashSet<>(FILES), new HashSet<>(passes.get(1).files()), "a full pass sees every file");
        assertNotEquals(FILES, passes.get(1).files(), "in another order");
        assertEquals(8, passes.get(2).files().size());
        assertEquals(8, new HashSet<>(passes.get(2).files()).size(), "no file twice in a pass");
        long partExamples = passes.get(2).files().contains("train-15.bin") ? 7 * 64 + 40 : 8 * 64;
        assertEquals(partExamples, passes.get(2).examples());
        assertEquals(2 * COUNT + partExamples, feed.examples(2));
        assertEquals(passes.get(2).files(), feed.passes(2).get(2).files(), "seeded: the same every time");
        assertNotEquals(passes.get(2).files(), feed.passes(3).get(2).files(), "and another in the next epoch");
    }

    @Test
    void smallerEpochsTakeASeededPartOfTheFiles() {
        EpochFeed feed = EpochFeed.plain(FILES, SELECTION, BATCH, 42);
        EpochFeed part = EpochFeed.of(FILES, SELECTION, BATCH, 42, 300, null, 28, 28);
        assertEquals(1, part.passes(1).size());
        assertEquals(5, part.passes(1).get(0).files().size(), "300 examples = 5 minibatches of 64 (rounded up)");
        assertEquals(COUNT, feed.examples(1));
    }
}
