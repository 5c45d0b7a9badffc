package dev.sparknet.config;

import dev.sparknet.data.DataCache;
import dev.sparknet.data.MnistDownload;
import dev.sparknet.data.PublicDataset;

import java.util.Map;

/**
 * Where a job reads MNIST-format data from: {@code --data} when given (exactly as before), otherwise the
 * {@code --dataset}'s cache folder, fetched from {@code url} on first use.
 *
 * @param data     {@code --data}, or "" for the cache
 * @param cacheDir where the dataset's files are cached ({@link DataCache})
 * @param url      the base URL the dataset's four files are fetched from: {@code data.<dataset>-url} in
 *                 conf/sparknet.properties (a {@code --conf} file may point it elsewhere, e.g. a local mirror)
 */
public record DataChoice(String data, PublicDataset dataset, String cacheDir, String url) {

    public static DataChoice from(Settings s) {
        return from(s, System.getenv(), System.getProperty("user.home"));
    }

    static DataChoice from(Settings s, Map<String, String> env, String userHome) {
        PublicDataset dataset = PublicDataset.named(s.string("dataset", PublicDataset.MNIST.name()));
        String data = s.string("data", "");
        if (!data.isEmpty()) {
            return new DataChoice(data, dataset, "", "");
        }
        String urlKey = dataset.name() + "-url";
        String url = s.required(urlKey);
        try {
            MnistDownload.baseUri(url);
        } catch (RuntimeException e) {
            throw s.bad(urlKey, "expected the http:// or https:// URL of the folder holding the four files");
        }
        return new DataChoice("", dataset, DataCache.dir(dataset, env, userHome).toString(), url);
    }

    public boolean cached() {
        return data.isEmpty();
    }

    /** The folder the job reads: --data, or the cache folder (which may not exist yet). */
    public String dir() {
        return cached() ? cacheDir : data;
    }
}
