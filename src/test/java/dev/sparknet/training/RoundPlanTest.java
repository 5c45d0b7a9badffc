package dev.sparknet.training;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundPlanTest {
    private static List<String> files(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("batch-%05d.bin", i)).toList();
    }

    private static List<String> flatten(List<List<String>> rounds) {
        List<String> all = new ArrayList<>();
        rounds.forEach(all::addAll);
        return all;
    }

    @Test
    void everyFileOncePerEpochInRoundsOfWorkersTimesFrequency() {
        List<String> files = files(23);
        for (int epoch = 1; epoch <= 3; epoch++) {
            List<List<String>> rounds = RoundPlan.rounds(files, 2, 3, 42, epoch);
            assertEquals(List.of(6, 6, 6, 5), rounds.stream().map(List::size).toList());
            List<String> all = flatten(rounds);
            assertEquals(23, all.size());
            assertEquals(files, all.stream().sorted().toList(), "each file exactly once");
        }
    }

    @Test
    void exactMultipleHasNoShortRound() {
        List<List<String>> rounds = RoundPlan.rounds(files(12), 4, 3, 1, 1);
        assertEquals(List.of(12), rounds.stream().map(List::size).toList());
        List<List<String>> fewer = RoundPlan.rounds(files(5), 4, 3, 1, 1);
        assertEquals(List.of(5), fewer.stream().map(List::size).toList());
    }

    @Test
    void zeroWorkersStillMakesRoundsOfOne() {
        List<List<String>> rounds = RoundPlan.rounds(files(3), 0, 5, 1, 1);
        assertEquals(List.of(1, 1, 1), rounds.stream().map(List::size).toList());
    }

    @Test
    void noFilesNoRounds() {
        assertEquals(List.of(), RoundPlan.rounds(List.of(), 2, 2, 1, 1));
    }

    @Test
    void orderDiffersBetweenEpochsAndIsReproducible() {
        List<String> files = files(50);
        List<String> epoch1 = flatten(RoundPlan.rounds(files, 2, 5, 42, 1));
        List<String> epoch2 = flatten(RoundPlan.rounds(files, 2, 5, 42, 2));
        assertNotEquals(epoch1, epoch2, "each epoch has its own order");
        assertNotEquals(files, epoch1, "the files are shuffled");
        assertEquals(epoch1, flatten(RoundPlan.rounds(files, 2, 5, 42, 1)), "same seed and epoch, same order");
        assertEquals(RoundPlan.rounds(files, 2, 5, 42, 2), RoundPlan.rounds(files, 2, 5, 42, 2));
        assertNotEquals(epoch1, flatten(RoundPlan.rounds(files, 2, 5, 43, 1)), "other seed, other order");
    }

    @Test
    void orderDoesNotDependOnRoundSize() {
        List<String> files = files(30);
        assertEquals(flatten(RoundPlan.rounds(files, 2, 5, 9, 3)), flatten(RoundPlan.rounds(files, 1, 7, 9, 3)));
    }

    @Test
    void inputListIsNotModified() {
        List<String> files = new ArrayList<>(files(10));
        List<String> copy = List.copyOf(files);
        RoundPlan.rounds(files, 1, 2, 5, 1);
        assertEquals(copy, files);
        assertTrue(RoundPlan.rounds(files, 1, 2, 5, 1).get(0) instanceof List);
    }
}
