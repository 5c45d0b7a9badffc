package dev.sparknet.augment;

import dev.sparknet.data.ExampleSelection;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;

/**
 * Which training image each row of each training minibatch file holds, so that a distortion can be keyed by
 * the image itself: batch file {@code b} holds positions {@code b*batchSize ...} of the example order that
 * {@code BatchExport} cut the batches from ({@link ExampleSelection#order}), recomputed here on the executor
 * from the selection instead of being shipped. Independent of how many tasks cut the batches.
 */
public final class BatchImages implements Serializable {
    private static final long serialVersionUID = 1L;
    private final HashMap<String, Integer> firstPosition;
    private final ExampleSelection selection;
    private transient volatile int[] order;

    /**
     * @param trainFiles the training batch files in batch order, as {@code BatchExport.export} returns them
     * @param selection  the images they were cut from, in order
     */
    public BatchImages(List<String> trainFiles, ExampleSelection selection, int batchSize) {
        this.firstPosition = new HashMap<>();
        for (int b = 0; b < trainFiles.size(); b++) {
            firstPosition.put(trainFiles.get(b), b * batchSize);
        }
        this.selection = selection;
    }

    /** The index in the training file of the image at {@code row} of batch {@code file}. */
    public int image(String file, int row) {
        Integer first = firstPosition.get(file);
        if (first == null) {
            throw new IllegalArgumentException(file + " is not one of this run's training minibatches");
        }
        return order()[first + row];
    }

    /** How many examples {@code file} holds: the batch size, or fewer for the last one. */
    public int rows(String file, int batchSize) {
        Integer first = firstPosition.get(file);
        if (first == null) {
            throw new IllegalArgumentException(file + " is not one of this run's training minibatches");
        }
        return Math.min(batchSize, selection.size() - first);
    }

    private int[] order() {
        int[] o = order;
        if (o == null) {
            o = selection.order();
            order = o;
        }
        return o;
    }
}
