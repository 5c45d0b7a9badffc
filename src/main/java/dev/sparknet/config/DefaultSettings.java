package dev.sparknet.config;

import dev.sparknet.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads job defaults from {@code conf/sparknet.properties} (packed into the job jar at build time) and
 * an optional file of the user's own. Keys are {@code <job>.<flag>}, e.g. {@code mnist.epochs}; the jobs
 * that train an MNIST network ({@link #TRAINING_JOBS}) first read the shared {@code training.<flag>}
 * entries, which their own entries override. In each file, then, a training default is written once. The jobs
 * that read MNIST-format data ({@link #DATA_JOBS}) likewise share the {@code data.<flag>} entries (which public
 * dataset, and where it is fetched from when there is no {@code --data}).
 */
public final class DefaultSettings {
    public static final String RESOURCE = "sparknet.properties";
    /** Jobs that share the {@code training.*} defaults. */
    public static final Set<String> TRAINING_JOBS = Set.of("mnist", "retrain", "bench");
    private static final String SHARED_TRAINING = "training";
    /** Jobs that read MNIST-format files and share the {@code data.*} defaults. */
    public static final Set<String> DATA_JOBS = Set.of("mnist", "evaluate", "retrain", "bench", "convert");
    private static final String SHARED_DATA = "data";

    private DefaultSettings() {
    }

    /** The job's defaults as flag name -> (value, source), bundled file first, user's file over it. */
    public static Map<String, String[]> forJob(String job, String userFile) {
        Map<String, String[]> out = new TreeMap<>();
        putLayers(out, job, bundled(), "conf/" + RESOURCE);
        if (userFile != null && !userFile.isBlank()) {
            putLayers(out, job, fromFile(userFile), userFile);
        }
        return out;
    }

    private static void putLayers(Map<String, String[]> out, String job, Properties p, String source) {
        if (DATA_JOBS.contains(job)) {
            putJob(out, SHARED_DATA, p, source);
        }
        if (TRAINING_JOBS.contains(job)) {
            putJob(out, SHARED_TRAINING, p, source);
        }
        putJob(out, job, p, source);
    }

    private static void putJob(Map<String, String[]> out, String job, Properties p, String source) {
        String prefix = job + ".";
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), new String[]{p.getProperty(key), source});
            }
        }
    }

    private static Properties bundled() {
        Properties p = new Properties();
        try (InputStream in = DefaultSettings.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the job jar; rebuild with mvn package");
            }
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled " + RESOURCE, e);
        }
        return p;
    }

    private static Properties fromFile(String file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException("--conf " + file + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("--conf " + file + ": cannot read as a properties file (" + e.getMessage() + ")");
        }
        return p;
    }
}
