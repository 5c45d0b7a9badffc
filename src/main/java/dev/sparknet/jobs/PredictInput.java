package dev.sparknet.jobs;

import dev.sparknet.BadInputException;
import dev.sparknet.data.DigitImages;
import dev.sparknet.data.HadoopFiles;
import dev.sparknet.data.IdxHeader;
import dev.sparknet.data.IdxReader;
import dev.sparknet.data.SerializableHadoopConf;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * What `predict --input` names, found on the driver (image files sorted by name, or one IDX images file),
 * and how the executors read their share of it: each image within {@link DigitImages#read}'s bounds, or a
 * range of the IDX file.
 */
record PredictInput(List<String> images, String idx, int count, long pixels) {

    /** @param side images are converted to side x side (the model's inputs, when they are a square; else 28) */
    static PredictInput locate(String path, Configuration conf, int side) {
        try {
            Path p = new Path(path);
            var fs = HadoopFiles.fileSystem(path, conf);
            if (!fs.exists(p)) {
                throw new BadInputException("--input " + path + ": no such file or directory");
            }
            if (fs.getFileStatus(p).isDirectory()) {
                List<String> images = Arrays.stream(fs.listStatus(p)).filter(FileStatus::isFile)
                        .map(f -> f.getPath().toString()).filter(n -> DigitImages.isImageName(n)).sorted().toList();
                if (images.isEmpty()) {
                    throw new BadInputException("--input " + path + ": no .png, .jpg or .jpeg files in this directory");
                }
                return new PredictInput(images, null, images.size(), (long) side * side);
            }
            if (DigitImages.isImageName(p.getName())) {
                return new PredictInput(List.of(fs.makeQualified(p).toString()), null, 1, (long) side * side);
            }
            try (InputStream raw = HadoopFiles.open(path, conf)) {
                IdxHeader header = IdxReader.readImagesHeader(
                        new DataInputStream(IdxReader.decompressIfGzip(raw, path)), path);
                if (header.count() == 0) {
                    throw new BadInputException("--input " + path + ": holds no images");
                }
                return new PredictInput(null, path, header.count(), header.pixelsPerImage());
            }
        } catch (BadInputException e) {
            throw e.getMessage().startsWith("--input") ? e : new BadInputException("--input " + e.getMessage()
                    + " (expected a directory of PNG/JPEG images, one such image, or an IDX images file)");
        } catch (IOException e) {
            throw new BadInputException("--input " + path + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Contiguous ranges {from, to} of an IDX file, one per task (int[]: partition data travels through Kryo). */
    static List<int[]> ranges(int count, int parts) {
        int n = Math.max(1, Math.min(parts, count));
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new int[]{(int) ((long) count * i / n), (int) ((long) count * (i + 1) / n)});
        }
        return out;
    }

    /** An input's pixels, or (pixels null) the reason it could not be read. */
    record Pixels(String name, byte[] pixels, String refusal) {
        Pixels(String name, byte[] pixels) {
            this(name, pixels, null);
        }
    }

    /**
     * Each image read on the executor with {@link DigitImages#read}'s bounds. A bad one stops the job (its
     * BadInputException reaches the user as one line, see TaskBadInput) unless {@code skipBad}.
     */
    static Iterator<Pixels> readImages(Iterator<String> paths, SerializableHadoopConf conf, boolean skipBad, int side) {
        List<Pixels> out = new ArrayList<>();
        while (paths.hasNext()) {
            String path = paths.next();
            String name = new Path(path).getName();
            try (InputStream in = HadoopFiles.open(path, conf.get())) {
                out.add(new Pixels(name, DigitImages.read(in, path, side)));
            } catch (BadInputException e) {
                if (!skipBad) {
                    throw e;
                }
                String reason = e.getMessage().startsWith(path) ? e.getMessage().substring(path.length()).replaceFirst("^: ", "")
                        : e.getMessage();
                out.add(new Pixels(name, null, reason));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        return out.iterator();
    }

    static Iterator<Pixels> readIdx(String path, Iterator<int[]> ranges, SerializableHadoopConf conf) {
        List<Pixels> out = new ArrayList<>();
        while (ranges.hasNext()) {
            int[] range = ranges.next();
            try (InputStream raw = HadoopFiles.open(path, conf.get())) {
                DataInputStream in = new DataInputStream(IdxReader.decompressIfGzip(raw, path));
                IdxHeader header = IdxReader.readImagesHeader(in, path);
                int f = header.pixelsPerImage();
                in.skipNBytes((long) range[0] * f);
                for (int i = range[0]; i < range[1]; i++) {
                    out.add(new Pixels(Integer.toString(i), IdxReader.readBody(in, f, path)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        return out.iterator();
    }
}
