package dev.sparknet.config;

/**
 * Everything one `convert` run needs: the IDX dataset to read ({@code --data}, or the {@code --dataset} cache), where
 * to publish its Parquet tables, and the Spark master that writes them.
 */
public record ConvertJobConfig(DataChoice data, String output, String master, boolean overwrite) {

    public static ConvertJobConfig from(Settings s) {
        return new ConvertJobConfig(DataChoice.from(s), s.required("output"), s.string("master", ""), s.flag("overwrite"));
    }
}
