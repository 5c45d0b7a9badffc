package dev.sparknet.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Image files for the untrusted-image tests: real ones, and ones whose bytes lie. */
public final class CraftedImages {
    private CraftedImages() {
    }

    /** A real image of a "1": a white bar on black, {@code w} x {@code h}. */
    public static BufferedImage digit(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(w / 2 - Math.max(1, w / 14), h / 5, Math.max(2, w / 7), 3 * h / 5);
        g.dispose();
        return image;
    }

    public static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    public static byte[] jpeg(BufferedImage image, boolean progressive) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            writer.dispose();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(image, format, bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A grey PNG that declares {@code w} x {@code h} pixels; only the first {@code rows} rows of data are
     * written (all black but a white square), so a file of a few KB can claim gigapixels.
     */
    public static byte[] declaredPng(int w, int h, int rows, byte[]... extraChunksBeforeData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(ihdr);
            d.writeInt(w);
            d.writeInt(h);
            d.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit grey, deflate, no filter method, no interlace
            chunk(out, "IHDR", ihdr.toByteArray());
            for (byte[] extra : extraChunksBeforeData) {
                out.write(extra);
            }
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(data, new Deflater(1))) {
                byte[] row = new byte[w + 1];
                for (int y = 0; y < rows; y++) {
                    Arrays.fill(row, (byte) 0);
                    if (y > rows / 4 && y < 3 * rows / 4) {
                        Arrays.fill(row, 1 + w * 2 / 5, 1 + w * 3 / 5, (byte) 255);
                    }
                    z.write(row);
                }
            }
            chunk(out, "IDAT", data.toByteArray());
            chunk(out, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A compressed-text (zTXt) chunk whose text inflates to {@code bytes} bytes. */
    public static byte[] textBombChunk(long bytes) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        try {
            content.write("Comment".getBytes(StandardCharsets.ISO_8859_1));
            content.write(new byte[] {0, 0}); // keyword terminator, compression method 0
            try (DeflaterOutputStream z = new DeflaterOutputStream(content, new Deflater(9))) {
                byte[] spaces = new byte[1 << 20];
                Arrays.fill(spaces, (byte) ' ');
                for (long done = 0; done < bytes; done += spaces.length) {
                    z.write(spaces);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            chunk(out, "zTXt", content.toByteArray());
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    /** The start of a real JPEG followed by {@code scans} start-of-scan markers. */
    public static byte[] manyScansJpeg(int scans) {
        byte[] real = jpeg(digit(28, 28), false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(real, 0, real.length - 2);
        for (int i = 0; i < scans; i++) {
            out.write(new byte[] {(byte) 0xff, (byte) 0xda, 0, 8, 1, 1, 0, 0, 63, 0}, 0, 10);
        }
        out.write(new byte[] {(byte) 0xff, (byte) 0xd9}, 0, 2);
        return out.toByteArray();
    }
}
