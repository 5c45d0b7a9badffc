package dev.sparknet.approx;

import dev.sparknet.config.DefaultSettings;
import dev.sparknet.config.Settings;

import java.util.Map;

/** Settings as the CLI builds them for `approx`: the bundled defaults, then the given flag/value pairs. */
final class ApproxSettings {
    private ApproxSettings() {
    }

    static Settings of(String... flags) {
        Settings.Builder b = Settings.builder();
        for (Map.Entry<String, String[]> e : DefaultSettings.forJob("approx", null).entrySet()) {
            b.put(e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        for (int i = 0; i < flags.length; i += 2) {
            b.put(flags[i], flags[i + 1], "flag");
        }
        return b.build();
    }
}
