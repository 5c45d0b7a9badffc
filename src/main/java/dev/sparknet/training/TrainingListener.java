package dev.sparknet.training;

/** Callbacks from the training loop, for progress displays and logs. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    /** After each averaging round: batches done so far in this epoch out of its total. */
    default void onRound(int epoch, int batchesDone, int batchesTotal, long examplesDone, double seconds, double loss) {
    }
}
