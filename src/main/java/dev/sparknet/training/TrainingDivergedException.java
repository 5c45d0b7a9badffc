package dev.sparknet.training;

/** The loss became NaN or infinite: the run is worthless and must stop without publishing anything. */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
