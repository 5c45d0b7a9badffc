package dev.sparknet.data;

import java.io.Serializable;

/** A validated dataset directory: its training split and its held-out test split. */
public record MnistDataset(String directory, MnistSplit train, MnistSplit test) implements Serializable {
}
