package dev.sparknet.data;

import dev.sparknet.BadInputException;
import dev.sparknet.RealMnist;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.sparknet.data.IdxTestFiles.TEST_IMAGES;
import static dev.sparknet.data.IdxTestFiles.TEST_LABELS;
import static dev.sparknet.data.IdxTestFiles.TRAIN_IMAGES;
import static dev.sparknet.data.IdxTestFiles.TRAIN_LABELS;
import static dev.sparknet.data.IdxTestFiles.gzip;
import static dev.sparknet.data.IdxTestFiles.images;
import static dev.sparknet.data.IdxTestFiles.labels;
import static dev.sparknet.data.IdxTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MnistFilesTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private static BadInputException assertBad(Path culprit, String phrase, Executable call) {
        return assertBad(culprit.toString(), phrase, call);
    }

    private static BadInputException assertBad(String culprit, String phrase, Executable call) {
        BadInputException e = assertThrows(BadInputException.class, call);
        assertTrue(e.getMessage().contains(culprit), "message should name " + culprit + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(phrase), "message should contain '" + phrase + "': " + e.getMessage());
        return e;
    }

    private MnistSplit split(Path images, Path labels) {
        return MnistFiles.validateSplit("train", images.toString(), labels.toString(), CONF);
    }

    // ---- good files ----

    @Test
    void goodRawDatasetIsValidated() {
        IdxTestFiles.writeDataset(dir, 25, 12, 4, 3, false);
        MnistDataset data = MnistFiles.locateAndValidate(dir.toString(), CONF);

        assertEquals(dir.toString(), data.directory());
        MnistSplit train = data.train();
        assertEquals("train", train.name());
        assertEquals(25, train.count());
        assertEquals(4, train.rows());
        assertEquals(3, train.cols());
        assertEquals(12, train.pixelsPerImage());
        assertEquals(10, train.numClasses());
        // labels 0..9,0..9,0..4
        assertArrayEquals(new long[]{3, 3, 3, 3, 3, 2, 2, 2, 2, 2}, train.labelCounts());
        assertEquals(List.of(3L, 3L, 3L, 3L, 3L, 2L, 2L, 2L, 2L, 2L), train.labelCountList());
        assertTrue(train.imagesPath().endsWith(TRAIN_IMAGES), train.imagesPath());
        assertTrue(train.labelsPath().endsWith(TRAIN_LABELS), train.labelsPath());
        assertEquals(IdxTestFiles.sha256(dir.resolve(TRAIN_IMAGES)), train.imagesSha256());
        assertEquals(IdxTestFiles.sha256(dir.resolve(TRAIN_LABELS)), train.labelsSha256());

        MnistSplit test = data.test();
        assertEquals("test", test.name());
        assertEquals(12, test.count());
        assertArrayEquals(new long[]{2, 2, 1, 1, 1, 1, 1, 1, 1, 1}, test.labelCounts());
        assertTrue(test.imagesPath().endsWith(TEST_IMAGES), test.imagesPath());
        assertEquals(IdxTestFiles.sha256(dir.resolve(TEST_IMAGES)), test.imagesSha256());
        assertEquals(IdxTestFiles.sha256(dir.resolve(TEST_LABELS)), test.labelsSha256());
    }

    @Test
    void goodGzipDatasetIsValidatedAndHashedOverTheCompressedBytes() {
        // Large enough that the gzip stream does not fit in one read buffer.
        IdxTestFiles.writeDataset(dir, 300, 7, 28, 28, true);
        MnistDataset data = MnistFiles.locateAndValidate(dir.toString(), CONF);
        assertEquals(300, data.train().count());
        assertEquals(7, data.test().count());
        assertEquals(28, data.train().rows());
        assertArrayEquals(new long[]{30, 30, 30, 30, 30, 30, 30, 30, 30, 30}, data.train().labelCounts());
        assertTrue(data.train().imagesPath().endsWith(TRAIN_IMAGES + ".gz"));
        assertEquals(IdxTestFiles.sha256(dir.resolve(TRAIN_IMAGES + ".gz")), data.train().imagesSha256());
        assertEquals(IdxTestFiles.sha256(dir.resolve(TRAIN_LABELS + ".gz")), data.train().labelsSha256());
        assertEquals(IdxTestFiles.sha256(dir.resolve(TEST_IMAGES + ".gz")), data.test().imagesSha256());
        assertEquals(IdxTestFiles.sha256(dir.resolve(TEST_LABELS + ".gz")), data.test().labelsSha256());
    }

    @Test
    void gzipIsRecognisedByContentNotByName() {
        Path images = write(dir, "imgs.raw", gzip(images(4, 2, 2)));
        Path labels = write(dir, "labels.gz", labels(1, 1, 5, 9)); // raw despite the name
        MnistSplit s = split(images, labels);
        assertEquals(4, s.count());
        assertArrayEquals(new long[]{0, 2, 0, 0, 0, 1, 0, 0, 0, 1}, s.labelCounts());
        assertEquals(IdxTestFiles.sha256(images), s.imagesSha256());
        assertEquals(IdxTestFiles.sha256(labels), s.labelsSha256());
    }

    @Test
    void rawFileIsPreferredWhenBothRawAndGzipArePresent() {
        IdxTestFiles.writeDataset(dir, 10, 10, 2, 2, false);
        IdxTestFiles.writeDataset(dir, 10, 10, 2, 2, true);
        MnistDataset data = MnistFiles.locateAndValidate(dir.toString(), CONF);
        assertTrue(data.train().imagesPath().endsWith(TRAIN_IMAGES), data.train().imagesPath());
        assertTrue(data.test().labelsPath().endsWith(TEST_LABELS), data.test().labelsPath());
    }

    @Test
    void testSplitOnlyNeedsTheT10kFiles() {
        IdxTestFiles.writeFile(dir, TEST_IMAGES, images(5, 2, 2), false);
        IdxTestFiles.writeFile(dir, TEST_LABELS, labels(0, 1, 2, 3, 4), false);
        MnistSplit test = MnistFiles.locateAndValidateTest(dir.toString(), CONF);
        assertEquals(5, test.count());
        assertEquals("test", test.name());
    }

    // ---- the directory ----

    @Test
    void missingFileIsNamedByItsRole() {
        IdxTestFiles.writeDataset(dir, 10, 10, 2, 2, false);
        for (String role : List.of("train-images", "train-labels", "t10k-images", "t10k-labels")) {
            Path sub = dir.resolve("without-" + role);
            IdxTestFiles.writeDataset(sub(sub), 10, 10, 2, 2, false);
            deleteStartingWith(sub, role);
            BadInputException e = assertBad(sub, "no " + role + " file",
                    () -> MnistFiles.locateAndValidate(sub.toString(), CONF));
            assertTrue(e.getMessage().startsWith("--data "), e.getMessage());
        }
    }

    private static Path sub(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void deleteStartingWith(Path dir, String prefix) {
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void nonexistentDataDirectory() {
        Path missing = dir.resolve("no-such-dir");
        assertBad(missing, "no such directory", () -> MnistFiles.locateAndValidate(missing.toString(), CONF));
    }

    @Test
    void dataIsAFileNotADirectory() {
        Path file = write(dir, "plain-file", new byte[]{1});
        BadInputException e = assertBad(file, "is a file, expected a directory",
                () -> MnistFiles.locateAndValidate(file.toString(), CONF));
        assertTrue(e.getMessage().startsWith("--data "), e.getMessage());
    }

    @Test
    void directoryWhereAFileWasExpected() throws IOException {
        IdxTestFiles.writeDataset(dir, 10, 10, 2, 2, false);
        Files.delete(dir.resolve(TRAIN_LABELS));
        Path fake = Files.createDirectory(dir.resolve(TRAIN_LABELS));
        assertBad(fake, "is a directory, expected a file", () -> MnistFiles.locateAndValidate(dir.toString(), CONF));
    }

    @Test
    void nonexistentFileGivenToValidateSplit() {
        Path images = write(dir, "i", images(1, 2, 2));
        Path missing = dir.resolve("missing-labels");
        assertBad(missing, "no such file", () -> split(images, missing));
    }

    // ---- malformed files ----

    @Test
    void emptyImagesFile() {
        Path images = write(dir, "images", new byte[0]);
        Path labels = write(dir, "labels", labels(1, 2));
        assertBad(images, "too short for an IDX header", () -> split(images, labels));
    }

    @Test
    void emptyLabelsFile() {
        Path images = write(dir, "images", images(2, 2, 2));
        Path labels = write(dir, "labels", new byte[0]);
        assertBad(labels, "too short for an IDX header", () -> split(images, labels));
    }

    @Test
    void truncatedImagesBody() {
        Path images = write(dir, "images", images(0x803, 3, 4, 4, 3 * 16 - 1));
        Path labels = write(dir, "labels", labels(1, 2, 3));
        assertBad(images, "truncated", () -> split(images, labels));
    }

    @Test
    void truncatedLabelsBody() {
        Path images = write(dir, "images", images(3, 2, 2));
        Path labels = write(dir, "labels", IdxTestFiles.truncate(labels(1, 2, 3), 10));
        assertBad(labels, "truncated", () -> split(images, labels));
    }

    @Test
    void truncatedGzipImages() {
        byte[] gz = gzip(images(200, 28, 28));
        Path images = write(dir, "images.gz", IdxTestFiles.truncate(gz, gz.length / 2));
        Path labels = write(dir, "labels", labels(IdxTestFiles.cyclicLabels(200)));
        assertBad(images, "truncated", () -> split(images, labels));
    }

    @Test
    void gzipWithoutItsTrailer() {
        byte[] gz = gzip(labels(1, 2, 3));
        Path images = write(dir, "images", images(3, 2, 2));
        Path labels = write(dir, "labels.gz", IdxTestFiles.truncate(gz, gz.length - 8));
        assertBad(labels, "truncated", () -> split(images, labels));
    }

    @Test
    void gzipCutInsideItsHeader() {
        Path images = write(dir, "images", images(3, 2, 2));
        Path labels = write(dir, "labels", new byte[]{0x1f, (byte) 0x8b, 8});
        assertBad(labels, "truncated", () -> split(images, labels));
    }

    @Test
    void corruptGzipGarbageAfterMagic() {
        Path images = write(dir, "images", new byte[]{0x1f, (byte) 0x8b, 'n', 'o', 't', ' ', 'g', 'z', 'i', 'p', '.', '.', '.', '.'});
        Path labels = write(dir, "labels", labels(1));
        assertBad(images, "corrupt gzip", () -> split(images, labels));
    }

    @Test
    void corruptDeflateStream() {
        byte[] gz = gzip(images(10, 4, 4));
        for (int i = 10; i < gz.length; i++) {
            gz[i] = (byte) 0xff;
        }
        Path images = write(dir, "images.gz", gz);
        Path labels = write(dir, "labels", labels(IdxTestFiles.cyclicLabels(10)));
        assertBad(images, "corrupt gzip", () -> split(images, labels));
    }

    @Test
    void labelsFileGivenWhereImagesExpected() {
        Path labels = write(dir, "labels", labels(1, 2));
        Path alsoLabels = write(dir, "labels-again", labels(1, 2));
        BadInputException e = assertBad(alsoLabels, "not an IDX images file", () -> split(alsoLabels, labels));
        assertTrue(e.getMessage().contains("0x00000801"), e.getMessage());
    }

    @Test
    void imagesFileGivenWhereLabelsExpected() {
        Path images = write(dir, "images", images(2, 2, 2));
        Path alsoImages = write(dir, "images-again", images(2, 2, 2));
        assertBad(alsoImages, "not an IDX labels file", () -> split(images, alsoImages));
    }

    @Test
    void imageLabelCountMismatch() {
        Path images = write(dir, "images", images(3, 2, 2));
        Path labels = write(dir, "labels", labels(1, 2));
        BadInputException e = assertBad(images, "holds 3 images but", () -> split(images, labels));
        assertTrue(e.getMessage().contains(labels.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("holds 2 labels"), e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesItsIndex() {
        Path images = write(dir, "images", images(4, 2, 2));
        Path labels = write(dir, "labels", labels(0, 9, 255, 3));
        assertBad(labels, "label 255 at index 2 is outside 0..254", () -> split(images, labels));
    }

    @Test
    void labelOutOfRangeAsUnsignedByte() {
        Path images = write(dir, "images", images(2, 2, 2));
        Path labels = write(dir, "labels", labels(1, 255));
        assertBad(labels, "label 255 at index 1", () -> split(images, labels));
    }

    @Test
    void extraTrailingBytesInImages() {
        Path images = write(dir, "images", images(0x803, 2, 2, 2, 9));
        Path labels = write(dir, "labels", labels(1, 2));
        assertBad(images, "longer than its header says", () -> split(images, labels));
    }

    @Test
    void extraTrailingBytesInGzippedLabels() {
        Path images = write(dir, "images", images(2, 2, 2));
        Path labels = write(dir, "labels", gzip(IdxTestFiles.append(labels(1, 2), (byte) 4)));
        assertBad(labels, "longer than its header says", () -> split(images, labels));
    }

    @Test
    void testImagesOfOtherSizeThanTraining() {
        IdxTestFiles.writeDataset(dir, 10, 10, 4, 4, false);
        IdxTestFiles.writeFile(dir, TEST_IMAGES, images(10, 4, 5), false);
        BadInputException e = assertBad(dir.resolve(TEST_IMAGES), "images are 4x5 but the training images are 4x4",
                () -> MnistFiles.locateAndValidate(dir.toString(), CONF));
        assertTrue(e.getMessage().contains(TEST_IMAGES), e.getMessage());
    }

    // ---- the real data set ----

    @Test
    void realMnistTestLabels() {
        Path real = RealMnist.required();
        MnistDataset data = MnistFiles.locateAndValidate(real.toString(), CONF);
        assertEquals(60000, data.train().count());
        assertEquals(10000, data.test().count());
        assertEquals(28, data.train().rows());
        assertEquals(28, data.test().cols());
        assertArrayEquals(new long[]{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, data.test().labelCounts());
        assertEquals(60000, java.util.Arrays.stream(data.train().labelCounts()).sum());
    }
}
