package dev.sparknet.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationSplitTest {
    @Test
    void validationAndTrainingPartitionTheImages() {
        ValidationSplit split = new ValidationSplit(1000, 100, 1);
        int[] validation = split.validation();
        int[] training = split.training();
        assertEquals(100, validation.length);
        assertEquals(900, training.length);
        Set<Integer> all = new HashSet<>();
        IntStream.of(validation).forEach(all::add);
        IntStream.of(training).forEach(all::add);
        assertEquals(1000, all.size(), "no image in both, none missing");
        assertArrayEquals(IntStream.of(validation).sorted().toArray(), validation, "ascending");
        // spread over the file, not a block at its start or end
        assertTrue(validation[0] < 100 && validation[99] > 900, Arrays.toString(validation));
    }

    @Test
    void dependsOnTheValidationSeedOnly() {
        assertArrayEquals(new ValidationSplit(1000, 100, 1).validation(), new ValidationSplit(1000, 100, 1).validation());
        assertNotEquals(Arrays.toString(new ValidationSplit(1000, 100, 1).validation()),
                Arrays.toString(new ValidationSplit(1000, 100, 2).validation()));
        assertEquals(new ValidationSplit(1000, 100, 1).checksum(), new ValidationSplit(1000, 100, 1).checksum());
        assertNotEquals(new ValidationSplit(1000, 100, 1).checksum(), new ValidationSplit(1000, 100, 2).checksum());
    }

    @Test
    void appendedImagesNeverPullAnOldImageIntoValidation() {
        // a model trained on the shorter file never trained on any of the longer file's validation images
        Set<Integer> before = new HashSet<>();
        IntStream.of(new ValidationSplit(1000, 100, 1).validation()).forEach(before::add);
        for (int v : new ValidationSplit(1500, 100, 1).validation()) {
            assertTrue(v >= 1000 || before.contains(v), "image " + v + " joined the validation split");
        }
    }

    @Test
    void trainingSelectionWithoutValidationIsTheUsualShuffledOrder() {
        // --validation 0 trains exactly as before the validation split existed
        assertArrayEquals(ExampleOrder.shuffled(500, 42),
                ExampleSelection.training(ValidationSplit.none(500), 42).order());
    }

    @Test
    void trainLimitTakesTheFirstImagesNotHeldOutAndNeverChangesValidation() {
        ValidationSplit split = new ValidationSplit(1000, 100, 1);
        ExampleSelection limited = ExampleSelection.training(split, 50, 7);
        int[] order = limited.order();
        assertEquals(50, order.length);
        int[] firstTraining = Arrays.copyOf(split.training(), 50);
        assertArrayEquals(firstTraining, IntStream.of(order).sorted().toArray());
        assertEquals(firstTraining[49] + 1, limited.imagesToRead());
        assertEquals(100, ExampleSelection.validation(split).order().length);
        assertEquals(1000, ExampleSelection.inFileOrder(1000).imagesToRead());
    }

    @Test
    void refusesToHoldOutEverything() {
        assertThrows(IllegalArgumentException.class, () -> new ValidationSplit(100, 100, 1));
        assertEquals(0, new ValidationSplit(100, 0, 1).validation().length);
    }
}
