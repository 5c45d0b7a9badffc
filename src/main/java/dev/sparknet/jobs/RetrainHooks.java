package dev.sparknet.jobs;

/**
 * Points in a retrain run where a caller may step in: after each checkpoint is written, and between a
 * version being published and {@code current} being switched to it. Tests use them to kill a run at
 * exactly those moments; the command line passes {@link #NONE}.
 */
public interface RetrainHooks {
    RetrainHooks NONE = new RetrainHooks() {
    };

    default void afterCheckpoint(int epoch) {
    }

    default void beforeCurrentSwitch() {
    }
}
