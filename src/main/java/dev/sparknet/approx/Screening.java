package dev.sparknet.approx;

import java.util.List;

/**
 * Whether screening stopped some restarts early, after how many epochs, and how many trained to the end.
 * {@code screened} is what happened, not what was configured: with every restart but the kept ones
 * diverged during screening, nothing healthy was stopped and the run counts as not screened.
 */
public record Screening(boolean screened, int screenEpochs, int kept) {

    static Screening of(ApproxJobConfig config, List<Restart> restarts) {
        boolean screened = restarts.stream()
                .anyMatch(r -> r.epochsTrained() < config.training().epochs() && !r.failed());
        return new Screening(screened, config.screenEpochs(), screened ? config.keep() : restarts.size());
    }
}
