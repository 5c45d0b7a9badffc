package dev.sparknet.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a job looks for a public dataset when it is given no {@code --data}: {@code $SPARKNET_DATA_DIR/<dataset>},
 * or the user's cache directory ({@code ${XDG_CACHE_HOME:-~/.cache}/sparknet/<dataset>}). A folder per dataset, so
 * {@code SPARKNET_DATA_DIR=../shared/datasets} finds the shared copy of MNIST at ../shared/datasets/mnist.
 * Plain Java: the environment is passed in, so the rule is testable without touching the real one.
 */
public final class DataCache {
    public static final String ENV = "SPARKNET_DATA_DIR";

    private DataCache() {
    }

    /** The folder that holds one folder per dataset. */
    public static Path root(Map<String, String> env, String userHome) {
        String own = env.get(ENV);
        if (own != null && !own.isBlank()) {
            return Path.of(own).toAbsolutePath().normalize();
        }
        String xdg = env.get("XDG_CACHE_HOME");
        // the XDG spec: a relative XDG_CACHE_HOME is invalid and must be ignored
        Path cache = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(userHome, ".cache");
        return cache.resolve("sparknet").toAbsolutePath().normalize();
    }

    /** The folder of {@code dataset}'s four files. */
    public static Path dir(PublicDataset dataset, Map<String, String> env, String userHome) {
        return root(env, userHome).resolve(dataset.name());
    }
}
