package dev.sparknet.data;

import dev.sparknet.BadInputException;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes a PNG or JPEG that nobody vouches for, with every cost bounded before it is paid. A file's header
 * can declare any size (a 1 MB PNG of 30000 x 30000 pixels decodes to 3.6 GB), so:
 * <ul>
 *   <li>the file is read up to {@value #MAX_FILE_BYTES} bytes; an empty file or a longer one is refused;</li>
 *   <li>its first bytes decide the format, which must agree with its name (.png or .jpg/.jpeg);</li>
 *   <li>width and height come from the header alone; more than {@value #MAX_SIDE} pixels a side or
 *       {@value #MAX_PIXELS} in all is refused before any pixel is decoded (that bound is also what keeps
 *       decoding time to about a second);</li>
 *   <li>images wider or taller than {@value #DECODE_SIDE} are decoded subsampled (every n-th pixel), so
 *       the decoded image never exceeds {@value #DECODE_SIDE} x {@value #DECODE_SIDE}: a digit ends up
 *       20x20 anyway;</li>
 *   <li>a JPEG with more than {@value #MAX_JPEG_SCANS} scans (each makes the decoder pass over the whole
 *       image again) is refused; a truncated one (the decoder warns and would fill the rest grey) too.</li>
 * </ul>
 * Every refusal is a {@link BadInputException} naming the file and the reason.
 */
public final class UntrustedImage {
    public static final int MAX_FILE_BYTES = 32 << 20;
    public static final int MAX_SIDE = 20_000;
    public static final long MAX_PIXELS = 50_000_000L;
    public static final int DECODE_SIDE = 2048;
    public static final int MAX_JPEG_SCANS = 100;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static {
        System.setProperty("java.awt.headless", "true");
        ImageIO.setUseCache(false); // decode in memory, never through temporary files
    }

    private UntrustedImage() {
    }

    enum Format { PNG, JPEG }

    /** Reads and decodes the file {@code name} from {@code in}. */
    public static BufferedImage read(InputStream in, String name) {
        byte[] file;
        try {
            file = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot be read (" + e.getMessage() + ")");
        }
        if (file.length == 0) {
            throw new BadInputException(name + ": empty file");
        }
        if (file.length > MAX_FILE_BYTES) {
            throw new BadInputException(name + ": larger than " + (MAX_FILE_BYTES >> 20)
                    + " MB, more than any digit image needs");
        }
        return decode(file, name);
    }

    static BufferedImage decode(byte[] file, String name) {
        Format format = sniff(file, name);
        if (format == Format.JPEG) {
            int scans = jpegScans(file);
            if (scans > MAX_JPEG_SCANS) {
                throw new BadInputException(name + ": a JPEG of " + scans + " scans (at most " + MAX_JPEG_SCANS
                        + " are read; ordinary progressive JPEGs have about 10)");
            }
        }
        ImageReader reader = reader(format);
        TruncationWatch watch = new TruncationWatch();
        reader.addIIOReadWarningListener(watch);
        try (ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            reader.setInput(stream, true, true); // seek forward only, ignore metadata (text chunks are never inflated)
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1) {
                throw new BadInputException(name + ": declares " + width + " x " + height + " pixels");
            }
            if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
                throw new BadInputException(name + ": declares " + width + " x " + height + " pixels; at most "
                        + MAX_SIDE + " a side and " + MAX_PIXELS / 1_000_000 + " million in all are read");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (Math.max(width, height) + DECODE_SIDE - 1) / DECODE_SIDE;
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            if (watch.warning != null) {
                throw new BadInputException(name + ": damaged " + format + " (" + watch.warning + ")");
            }
            return image;
        } catch (BadInputException e) {
            throw e;
        } catch (IIOException e) {
            throw new BadInputException(name + ": not a readable " + format + " (" + reason(e) + ")");
        } catch (IOException | RuntimeException e) {
            // ImageIO reports damaged data in many ways, unchecked ones among them (e.g. ArrayIndexOutOfBounds)
            throw new BadInputException(name + ": not a readable " + format + " (" + reason(e) + ")");
        } finally {
            reader.dispose();
        }
    }

    /** The format the bytes hold, which must be the one the name says. */
    static Format sniff(byte[] file, String name) {
        Format actual = null;
        if (file.length >= PNG_SIGNATURE.length && java.util.Arrays.equals(file, 0, PNG_SIGNATURE.length,
                PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            actual = Format.PNG;
        } else if (file.length >= 3 && (file[0] & 0xff) == 0xff && (file[1] & 0xff) == 0xd8 && (file[2] & 0xff) == 0xff) {
            actual = Format.JPEG;
        }
        if (actual == null) {
            throw new BadInputException(name + ": not a PNG or JPEG image (" + file.length + " bytes starting "
                    + startOf(file) + ")");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        Format named = lower.endsWith(".png") ? Format.PNG
                : lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? Format.JPEG : actual;
        if (named != actual) {
            throw new BadInputException(name + ": named as a " + named + " but holds a " + actual
                    + " image (rename it to say what it is)");
        }
        return actual;
    }

    /** Start-of-scan markers: entropy-coded data stuffs every 0xFF with 0x00, so FF DA is only ever a marker. */
    static int jpegScans(byte[] file) {
        int scans = 0;
        for (int i = 0; i + 1 < file.length; i++) {
            if ((file[i] & 0xff) == 0xff && (file[i + 1] & 0xff) == 0xda) {
                scans++;
            }
        }
        return scans;
    }

    private static ImageReader reader(Format format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format == Format.PNG ? "png" : "jpeg");
        if (!readers.hasNext()) {
            throw new IllegalStateException("this Java has no " + format + " reader");
        }
        return readers.next();
    }

    private static String startOf(byte[] file) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(8, file.length); i++) {
            s.append(String.format("%02x", file[i] & 0xff));
        }
        return s.toString();
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return BadInputException.printable(message.lines().findFirst().orElse(""), 120);
    }

    /** JPEG's decoder only warns about a file that ends early, and returns an image with a grey tail. */
    private static final class TruncationWatch implements javax.imageio.event.IIOReadWarningListener {
        String warning;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            if (this.warning == null) {
                this.warning = warning;
            }
        }
    }
}
