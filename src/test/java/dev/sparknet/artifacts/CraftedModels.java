package dev.sparknet.artifacts;

import dev.sparknet.model.MlpSpec;
import dev.sparknet.model.NetworkFactory;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Model files for the tests of untrusted models: a real one written by {@link ModelStore#save}, its entries,
 * and ways to rebuild a zip from entries that an attacker chose (order, duplicates, contents, bombs).
 */
public final class CraftedModels {
    private CraftedModels() {
    }

    /** A small classifier trained a few steps (non-zero Adam state, counters), saved as the jobs save it. */
    public static byte[] trained(int inputs, Path scratch) {
        MultiLayerNetwork network = NetworkFactory.create(new MlpSpec(inputs, List.of(16, 8), 10,
                MlpSpec.Head.SOFTMAX_CROSS_ENTROPY, 0.01, 7));
        Nd4j.getRandom().setSeed(3);
        DataSet batch = new DataSet(Nd4j.rand(32, inputs), Nd4j.eye(10).repeat(0, 4).getRows(range(32)));
        for (int i = 0; i < 3; i++) {
            network.fit(batch);
        }
        network.setLearningRate(0.0049); // as the jobs' learning-rate decay leaves it
        try {
            Path out = Files.createTempDirectory(scratch, "model");
            Files.delete(out);
            try (StagedOutput staged = StagedOutput.begin(out.toString(), false, new Configuration())) {
                ModelStore.save(network, staged, new MetricsFile(0.5, 10, null, null, 1.0, List.of(), null,
                        RunProvenance.of("test", java.time.Instant.now(), "local", 1, Map.of("hidden", "16,8"), Map.of()), null, null));
                staged.publish();
            }
            return Files.readAllBytes(out.resolve(ModelStore.MODEL_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] range(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** The entries of a zip, in order. */
    public static LinkedHashMap<String, byte[]> entries(byte[] zip) {
        LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /**
     * A zip of these entries, in this order. A name given as "name#" is written as "name" a second time
     * (ZipOutputStream refuses duplicates, so it is written under a stand-in of the same length and patched).
     */
    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String duplicate = null;
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                String name = e.getKey();
                if (name.endsWith("#")) {
                    duplicate = name.substring(0, name.length() - 1);
                    name = duplicate.substring(0, duplicate.length() - 1) + "\u0001";
                }
                zip.putNextEntry(new ZipEntry(name));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] out = bytes.toByteArray();
        if (duplicate != null) {
            byte[] standIn = (duplicate.substring(0, duplicate.length() - 1) + "\u0001").getBytes(StandardCharsets.ISO_8859_1);
            byte[] real = duplicate.getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i + standIn.length <= out.length; i++) {
                if (java.util.Arrays.equals(out, i, i + standIn.length, standIn, 0, standIn.length)) {
                    System.arraycopy(real, 0, out, i, real.length);
                }
            }
        }
        return out;
    }

    /** The entries with one replaced (kept in place) or added at the end. */
    public static LinkedHashMap<String, byte[]> with(Map<String, byte[]> entries, String name, byte[] content) {
        LinkedHashMap<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.put(name, content);
        return copy;
    }

    /** The configuration.json of these entries with one text replacement made (it must apply). */
    public static LinkedHashMap<String, byte[]> withConfig(Map<String, byte[]> entries, String from, String to) {
        String json = new String(entries.get("configuration.json"), StandardCharsets.UTF_8);
        if (!json.contains(from)) {
            throw new IllegalArgumentException("configuration.json has no " + from);
        }
        return with(entries, "configuration.json", json.replace(from, to).getBytes(StandardCharsets.UTF_8));
    }

    /** A zip whose entry {@code name} (after {@code before}) inflates to {@code bytes} zeros. */
    public static byte[] bomb(Map<String, byte[]> before, String name, long bytes) {
        return bomb(before, name, new byte[0], bytes);
    }

    /** As {@link #bomb(Map, String, long)}, the zeros following {@code prefix} in the entry. */
    public static byte[] bomb(Map<String, byte[]> before, String name, byte[] prefix, long bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : before.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(name));
            zip.write(prefix);
            byte[] zeros = new byte[1 << 20];
            for (long done = 0; done < bytes; done += zeros.length) {
                zip.write(zeros, 0, (int) Math.min(zeros.length, bytes - done));
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Java serialization that never finishes deserializing (nested HashSets whose hash codes take 2^depth
     * steps), made of JDK classes only: what DL4J's loader reads from preprocessor.bin.
     */
    public static byte[] endlessJavaObject() {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("x" + i);
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An Nd4j.write float vector header declaring {@code declared} values, followed by {@code actual} zeros. */
    public static byte[] vector(long declared, int actual) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("MIXED_DATA_TYPES");
            out.writeLong(8);
            out.writeUTF("LONG");
            for (long v : new long[] {2, 1, declared, declared, 1, 8192, 1, 'c'}) {
                out.writeLong(v);
            }
            out.writeUTF("MIXED_DATA_TYPES");
            out.writeLong(declared);
            out.writeUTF("FLOAT");
            out.write(new byte[4 * actual]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Path write(Path dir, String name, byte[] content) {
        try {
            Path file = dir.resolve(name);
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(content);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
