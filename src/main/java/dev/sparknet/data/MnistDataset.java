package dev.sparknet.data;

import java.io.Serializable;

/** A validated dataset directory: its training split and its held-out test split. */
public record MnistDataset(String directory, MnistSplit train, MnistSplit test) implements Serializable {

    /** K, the network's output width: inferred from the training labels; the test split is read against it. */
    public int numClasses() {
        return train.numClasses();
    }
}
