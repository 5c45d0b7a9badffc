package dev.sparknet.augment;

import dev.sparknet.data.ExampleOrder;
import dev.sparknet.data.ExampleSelection;
import dev.sparknet.data.ValidationSplit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchImagesTest {
    @Test
    void rowsMapToTheImagesTheExportCutIntoThem() {
        List<String> files = List.of("a", "b", "c"); // 50 images in batches of 20: 20, 20, 10
        BatchImages images = new BatchImages(files, ExampleSelection.training(ValidationSplit.none(50), 7), 20);
        int[] order = ExampleOrder.shuffled(50, 7);
        assertEquals(order[0], images.image("a", 0));
        assertEquals(order[25], images.image("b", 5));
        assertEquals(order[49], images.image("c", 9));
        assertEquals(20, images.rows("b", 20));
        assertEquals(10, images.rows("c", 20));
        assertThrows(IllegalArgumentException.class, () -> images.image("t10k-000000.bin", 0),
                "a file that is not a training minibatch of this run is never distorted");
    }
}
