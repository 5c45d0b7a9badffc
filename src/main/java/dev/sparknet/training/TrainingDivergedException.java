package dev.sparknet.training;

/**
 * Training diverged ({@link DivergenceCheck}): the loss became NaN or infinite, or rose above three times the loss of
 * guessing. The network is worthless, so nothing trained with it is published: {@code Main} exits 1 saying so, retrain
 * records the run as diverged in runs.jsonl, and approx marks only that restart failed and goes on with the others.
 */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
