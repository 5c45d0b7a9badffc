package dev.sparknet.artifacts;

/** Registry versions whose files are placeholders: for tests of the registry's bookkeeping, not of models. */
final class PlaceholderVersions {
    private PlaceholderVersions() {
    }

    static void publish(ModelRegistry registry, String version) {
        try (StagedOutput out = registry.stageVersion(version)) {
            out.writeString(ModelStore.MODEL_FILE, "not really a model");
            out.writeString(ModelRegistry.METRICS, "{}\n");
            out.writeString(ModelRegistry.MANIFEST, "{}\n");
            out.publish();
        }
    }
}
