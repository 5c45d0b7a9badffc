package dev.sparknet.data;

import dev.sparknet.BadInputException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.sparknet.data.IdxTestFiles.TEST_IMAGES;
import static dev.sparknet.data.IdxTestFiles.TEST_LABELS;
import static dev.sparknet.data.IdxTestFiles.TRAIN_IMAGES;
import static dev.sparknet.data.IdxTestFiles.TRAIN_LABELS;
import static dev.sparknet.data.IdxTestFiles.images;
import static dev.sparknet.data.IdxTestFiles.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** K, the number of classes, is 1 + the largest training label; the test split is read against it. */
class MnistFilesClassesTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private void writeLabels(int[] train, int[] test) {
        IdxTestFiles.writeFile(dir, TRAIN_IMAGES, images(train.length, 2, 2), false);
        IdxTestFiles.writeFile(dir, TRAIN_LABELS, labels(train), false);
        IdxTestFiles.writeFile(dir, TEST_IMAGES, images(test.length, 2, 2), false);
        IdxTestFiles.writeFile(dir, TEST_LABELS, labels(test), false);
    }

    private static BadInputException bad(Path dir) {
        BadInputException e = assertThrows(BadInputException.class,
                () -> MnistFiles.locateAndValidate(dir.toString(), CONF));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    @Test
    void threeQuadrantClassesGiveKThree() {
        QuadrantDigits.write(dir, 30, 12, 3, 1);
        MnistDataset data = MnistFiles.locateAndValidate(dir.toString(), CONF);
        assertEquals(3, data.numClasses());
        assertEquals(3, data.train().numClasses());
        assertEquals(3, data.test().numClasses());
        assertArrayEquals(new long[]{10, 10, 10}, data.train().labelCounts());
        assertArrayEquals(new long[]{4, 4, 4}, data.test().labelCounts());
        assertEquals(28 * 28, data.train().pixelsPerImage());
    }

    @Test
    void mnistLabelsStillGiveTen() {
        IdxTestFiles.writeDataset(dir, 25, 12, 4, 3, false);
        assertEquals(10, MnistFiles.locateAndValidate(dir.toString(), CONF).numClasses());
    }

    @Test
    void testSplitLackingTheTopClassesIsPaddedToTheTrainingK() {
        writeLabels(new int[]{0, 1, 2, 3, 4}, new int[]{0, 1, 1});
        MnistDataset data = MnistFiles.locateAndValidate(dir.toString(), CONF);
        assertEquals(5, data.test().numClasses());
        assertArrayEquals(new long[]{1, 2, 0, 0, 0}, data.test().labelCounts());
    }

    @Test
    void aClassMissingInTheMiddleStillCounts() {
        writeLabels(new int[]{0, 6, 6}, new int[]{6});
        MnistDataset data = MnistFiles.locateAndValidate(dir.toString(), CONF);
        assertEquals(7, data.numClasses());
        assertArrayEquals(new long[]{1, 0, 0, 0, 0, 0, 2}, data.train().labelCounts());
    }

    @Test
    void testLabelAtOrAboveKIsBadInputNamingTheFileAndTheLabel() {
        writeLabels(new int[]{0, 1, 2}, new int[]{0, 3, 1});
        BadInputException e = bad(dir);
        assertTrue(e.getMessage().contains(dir.resolve(TEST_LABELS) + ": label 3"), e.getMessage());
        assertTrue(e.getMessage().contains("label 3 is outside the training labels' 0..2"), e.getMessage());
    }

    @Test
    void largestAcceptedLabelGivesK255() {
        writeLabels(new int[]{0, 254}, new int[]{7});
        assertEquals(255, MnistFiles.locateAndValidate(dir.toString(), CONF).numClasses());
    }

    @Test
    void label255IsRefused() {
        writeLabels(new int[]{0, 255}, new int[]{0});
        BadInputException e = bad(dir);
        assertTrue(e.getMessage().contains("label 255 at index 1 is outside 0..254"), e.getMessage());
    }

    @Test
    void emptyTrainingLabelsLeaveKUnknown() {
        writeLabels(new int[]{}, new int[]{0});
        BadInputException e = bad(dir);
        assertTrue(e.getMessage().contains(dir.resolve(TRAIN_LABELS) + ": holds no labels"), e.getMessage());
        assertTrue(e.getMessage().contains("holds no labels"), e.getMessage());
    }

    @Test
    void testSplitAloneTakesKFromItsOwnLabels() {
        IdxTestFiles.writeFile(dir, TEST_IMAGES, images(3, 2, 2), false);
        IdxTestFiles.writeFile(dir, TEST_LABELS, labels(0, 2, 1), false);
        MnistSplit test = MnistFiles.locateAndValidateTest(dir.toString(), CONF);
        assertEquals(3, test.numClasses());
        MnistSplit wider = test.withNumClasses(10);
        assertEquals(10, wider.numClasses());
        assertArrayEquals(new long[]{1, 1, 1, 0, 0, 0, 0, 0, 0, 0}, wider.labelCounts());
        assertThrows(IllegalArgumentException.class, () -> test.withNumClasses(2));
    }
}
