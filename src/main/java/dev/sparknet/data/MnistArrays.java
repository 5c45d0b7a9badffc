package dev.sparknet.data;

import org.apache.hadoop.conf.Configuration;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The raw bytes of one split held in memory: pixels (unsigned, row-major, image after image) and
 * labels. A 60,000-image MNIST split is 47 MB, so an executor task may hold it whole while it cuts
 * its batches; the files were validated on the driver before any task runs.
 */
public record MnistArrays(int count, int pixelsPerImage, byte[] pixels, byte[] labels) {

    public static MnistArrays read(MnistSplit split, Configuration conf) {
        return read(split.imagesPath(), split.labelsPath(), split.count(), conf);
    }

    /** Reads the first {@code limit} examples (or all, when the files hold fewer). */
    public static MnistArrays read(String imagesPath, String labelsPath, int limit, Configuration conf) {
        try (InputStream imagesRaw = HadoopFiles.open(imagesPath, conf);
             InputStream labelsRaw = HadoopFiles.open(labelsPath, conf)) {
            DataInputStream images = new DataInputStream(IdxReader.decompressIfGzip(imagesRaw, imagesPath));
            DataInputStream labels = new DataInputStream(IdxReader.decompressIfGzip(labelsRaw, labelsPath));
            IdxHeader imagesHeader = IdxReader.readImagesHeader(images, imagesPath);
            IdxHeader labelsHeader = IdxReader.readLabelsHeader(labels, labelsPath);
            int count = Math.min(limit, Math.min(imagesHeader.count(), labelsHeader.count()));
            int pixels = imagesHeader.pixelsPerImage();
            return new MnistArrays(count, pixels,
                    IdxReader.readBody(images, Math.multiplyExact(count, pixels), imagesPath),
                    IdxReader.readBody(labels, count, labelsPath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int label(int example) {
        return labels[example] & 0xff;
    }
}
