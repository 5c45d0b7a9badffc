package dev.sparknet.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Splits one epoch's minibatch files into averaging rounds: the files are shuffled (seeded per epoch,
 * so no two epochs see the same order) and cut into rounds of {@code workers x averagingFrequency}
 * files, each round one Spark job that ends in one parameter average.
 */
public final class RoundPlan {
    private RoundPlan() {
    }

    public static List<List<String>> rounds(List<String> batchFiles, int workers, int averagingFrequency,
                                            long seed, int epoch) {
        List<String> order = new ArrayList<>(batchFiles);
        Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
        int perRound = Math.max(1, workers * averagingFrequency);
        List<List<String>> rounds = new ArrayList<>();
        for (int from = 0; from < order.size(); from += perRound) {
            rounds.add(List.copyOf(order.subList(from, Math.min(order.size(), from + perRound))));
        }
        return rounds;
    }
}
