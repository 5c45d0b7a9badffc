package dev.sparknet.data;

import dev.sparknet.BadInputException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

import static dev.sparknet.data.IdxTestFiles.gzip;
import static dev.sparknet.data.IdxTestFiles.images;
import static dev.sparknet.data.IdxTestFiles.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {
    private static final String NAME = "/some/dir/file-idx";

    private static DataInputStream open(byte[] bytes) {
        return new DataInputStream(IdxReader.decompressIfGzip(new ByteArrayInputStream(bytes), NAME));
    }

    private static void assertBad(BadInputException e, String phrase) {
        assertTrue(e.getMessage().contains(NAME), "message should name the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(phrase), "message should contain '" + phrase + "': " + e.getMessage());
    }

    @Test
    void readsRawImagesHeaderAndBody() {
        byte[] file = images(3, 2, 4);
        DataInputStream in = open(file);
        IdxHeader header = IdxReader.readImagesHeader(in, NAME);
        assertEquals(new IdxHeader(IdxHeader.Kind.IMAGES, 3, 2, 4), header);
        assertEquals(8, header.pixelsPerImage());
        byte[] body = IdxReader.readBody(in, 24, NAME);
        for (int i = 0; i < 24; i++) {
            assertEquals(IdxTestFiles.pixel(i / 8, i % 8), body[i] & 0xff, "byte " + i);
        }
        IdxReader.expectEnd(in, NAME);
    }

    @Test
    void readsGzippedLabelsRecognisedByContent() {
        byte[] file = gzip(labels(7, 0, 9, 3));
        DataInputStream in = open(file);
        IdxHeader header = IdxReader.readLabelsHeader(in, NAME);
        assertEquals(new IdxHeader(IdxHeader.Kind.LABELS, 4, 1, 1), header);
        assertArrayEquals(new byte[]{7, 0, 9, 3}, IdxReader.readBody(in, 4, NAME));
        IdxReader.expectEnd(in, NAME);
    }

    @Test
    void rawStreamIsNotWrappedAndKeepsItsFirstBytes() throws IOException {
        byte[] file = labels(1, 2);
        InputStream in = IdxReader.decompressIfGzip(new ByteArrayInputStream(file), NAME);
        assertArrayEquals(file, in.readAllBytes());
    }

    @Test
    void emptyStreamIsTooShortForAHeader() {
        DataInputStream in = open(new byte[0]);
        assertBad(assertThrows(BadInputException.class, () -> IdxReader.readImagesHeader(in, NAME)), "too short");
    }

    @Test
    void wrongMagicForImages() {
        DataInputStream in = open(labels(1, 2, 3));
        BadInputException e = assertThrows(BadInputException.class, () -> IdxReader.readImagesHeader(in, NAME));
        assertEquals(NAME + ": not an IDX images file (magic number 0x00000801, expected 0x00000803)", e.getMessage());
    }

    @Test
    void wrongMagicForLabels() {
        DataInputStream in = open(images(1, 2, 2));
        assertEquals(NAME + ": not an IDX labels file (magic number 0x00000803, expected 0x00000801)",
                assertThrows(BadInputException.class, () -> IdxReader.readLabelsHeader(in, NAME)).getMessage());
    }

    @Test
    void impossibleImageDimensions() {
        DataInputStream in = open(images(0x803, 1, 0, 28, 0));
        assertBad(assertThrows(BadInputException.class, () -> IdxReader.readImagesHeader(in, NAME)),
                "impossible dimensions");
        DataInputStream negative = open(images(0x803, -1, 28, 28, 0));
        assertBad(assertThrows(BadInputException.class, () -> IdxReader.readImagesHeader(negative, NAME)),
                "impossible dimensions");
    }

    @Test
    void truncatedBody() {
        DataInputStream in = open(images(0x803, 2, 2, 2, 5));
        IdxReader.readImagesHeader(in, NAME);
        assertBad(assertThrows(BadInputException.class, () -> IdxReader.readBody(in, 8, NAME)), "truncated");
    }

    @Test
    void extraBytesAfterTheBody() {
        DataInputStream in = open(IdxTestFiles.append(labels(1, 2), (byte) 0));
        IdxReader.readLabelsHeader(in, NAME);
        IdxReader.readBody(in, 2, NAME);
        assertBad(assertThrows(BadInputException.class, () -> IdxReader.expectEnd(in, NAME)), "longer than its header says");
    }

    @Test
    void corruptGzipHeader() {
        byte[] garbage = {0x1f, (byte) 0x8b, 'g', 'a', 'r', 'b', 'a', 'g', 'e', '!', '!', '!', '!'};
        BadInputException e = assertThrows(BadInputException.class,
                () -> IdxReader.decompressIfGzip(new ByteArrayInputStream(garbage), NAME));
        assertBad(e, "corrupt gzip");
    }

    @Test
    void corruptDeflateDataIsReportedWhileReading() {
        byte[] file = gzip(labels(1, 2, 3));
        // Keep the 10-byte gzip header, replace the deflate stream with 0xff bytes (invalid block type 3).
        for (int i = 10; i < file.length; i++) {
            file[i] = (byte) 0xff;
        }
        DataInputStream in = open(file);
        assertBad(assertThrows(BadInputException.class, () -> IdxReader.readLabelsHeader(in, NAME)), "corrupt gzip");
    }

    @Test
    void corruptGzipTrailerIsCorruptGzipWhereverItIsNoticed() {
        byte[] file = gzip(labels(1, 2, 3));
        file[file.length - 8] ^= 0x01; // the trailer's CRC-32: the data inflates, the checksum then disagrees
        DataInputStream in = open(file);
        IdxReader.readLabelsHeader(in, NAME);
        IdxReader.readBody(in, 3, NAME);
        assertBad(assertThrows(BadInputException.class, () -> IdxReader.expectEnd(in, NAME)), "corrupt gzip");
    }

    @Test
    void truncatedGzipBody() {
        byte[] full = gzip(images(20, 28, 28));
        DataInputStream in = open(IdxTestFiles.truncate(full, full.length / 2));
        IdxHeader header = IdxReader.readImagesHeader(in, NAME);
        assertBad(assertThrows(BadInputException.class,
                () -> IdxReader.readBody(in, header.count() * header.pixelsPerImage(), NAME)), "truncated");
    }
}
