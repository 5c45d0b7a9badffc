package dev.sparknet.data;

import dev.sparknet.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each crafted image is refused before its pixels are decoded, or decoded within the bounds. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UntrustedImageTest {

    private static BufferedImage read(byte[] file, String name) {
        return UntrustedImage.read(new ByteArrayInputStream(file), name);
    }

    private static void assertRefused(byte[] file, String name, String... expected) {
        long start = System.nanoTime();
        BadInputException e = assertThrows(BadInputException.class, () -> read(file, name));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        System.out.printf("refused in %.2f s (%d bytes): %s%n", seconds, file.length, e.getMessage());
    }

    @Test
    void realImagesStillDecode() {
        BufferedImage png = read(CraftedImages.png(CraftedImages.digit(28, 28)), "a.png");
        assertEquals(28, png.getWidth());
        BufferedImage jpeg = read(CraftedImages.jpeg(CraftedImages.digit(300, 200), true), "b.JPG");
        assertEquals(300, jpeg.getWidth());
    }

    @Test
    void aGigapixelDeclarationIsRefusedFromTheHeader() {
        // ~3 KB that would decode to 900 MB: refused before any pixel is decoded
        assertRefused(CraftedImages.declaredPng(30_000, 30_000, 10), "huge.png", "declares 30000 x 30000 pixels");
        assertRefused(CraftedImages.declaredPng(15_000, 15_000, 10), "many.png", "50 million in all");
        assertRefused(CraftedImages.declaredPng(1, 1_000_000, 10), "tall.png", "declares 1 x 1000000");
    }

    @Test
    void aLargeButAllowedImageIsDecodedSubsampled() {
        byte[] file = CraftedImages.declaredPng(8000, 6000, 6000);
        BufferedImage image = read(file, "photo.png");
        assertTrue(image.getWidth() <= UntrustedImage.DECODE_SIDE && image.getHeight() <= UntrustedImage.DECODE_SIDE,
                image.getWidth() + " x " + image.getHeight());
        byte[] digit = DigitImages.toSquare(image, DigitImages.SIDE);
        assertTrue(digit[14 * 28 + 14] != 0, "the white bar survives subsampling");
    }

    @Test
    void emptyTextAndMislabelledFiles() {
        assertRefused(new byte[0], "empty.png", "empty file");
        assertRefused("hello, I am text\n".getBytes(StandardCharsets.UTF_8), "text.png", "not a PNG or JPEG image");
        assertRefused(CraftedImages.jpeg(CraftedImages.digit(28, 28), false), "jpeg-inside.png",
                "named as a PNG but holds a JPEG");
        assertRefused(CraftedImages.png(CraftedImages.digit(28, 28)), "png-inside.jpg", "named as a JPEG but holds a PNG");
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0};
        assertRefused(gif, "anim.png", "not a PNG or JPEG image");
    }

    @Test
    void truncatedImages() {
        byte[] png = CraftedImages.png(CraftedImages.digit(200, 200));
        assertRefused(Arrays.copyOf(png, png.length / 2), "cut.png", "not a readable PNG");
        assertRefused(Arrays.copyOf(png, 20), "header-only.png", "not a readable PNG");
        byte[] jpeg = CraftedImages.jpeg(CraftedImages.digit(200, 200), false);
        assertRefused(Arrays.copyOf(jpeg, jpeg.length / 2), "cut.jpg", "JPEG");
    }

    @Test
    void tooManyJpegScans() {
        assertRefused(CraftedImages.manyScansJpeg(5000), "scans.jpg", "5001 scans");
    }

    @Test
    void aFileLargerThanTheBound() {
        byte[] big = new byte[UntrustedImage.MAX_FILE_BYTES + 10];
        System.arraycopy(CraftedImages.png(CraftedImages.digit(28, 28)), 0, big, 0, 8);
        assertRefused(big, "big.png", "larger than 32 MB");
    }

    @Test
    void aCompressedTextBombIsNeverInflated() {
        // metadata is ignored: a zTXt chunk inflating to 2 GB costs nothing
        byte[] file = CraftedImages.declaredPng(28, 28, 28, CraftedImages.textBombChunk(2L << 30));
        long start = System.nanoTime();
        BufferedImage image = read(file, "text-bomb.png");
        System.out.printf("text bomb (%d bytes) decoded in %.2f s%n", file.length, (System.nanoTime() - start) / 1e9);
        assertEquals(28, image.getWidth());
    }

    @Test
    void zeroWidthIsRefused() {
        assertRefused(CraftedImages.declaredPng(0, 10, 0), "zero.png", "PNG");
    }
}
