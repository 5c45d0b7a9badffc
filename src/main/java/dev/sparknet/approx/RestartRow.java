package dev.sparknet.approx;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One restart in metrics.json: its 1-based number, seed, how far it trained and how well it did on the
 * validation sample. {@code failure} is there only for a restart that diverged.
 */
public record RestartRow(int restart, long seed, int epochsTrained, double validationMse, double seconds,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String failure) {

    static RestartRow of(Restart r) {
        return new RestartRow(r.index() + 1, r.seed(), r.epochsTrained(), r.validationMse(), r.seconds(), r.failure());
    }
}
