package dev.sparknet.data;

import java.util.List;

/** One file of the MNIST distribution: its canonical name and the md5 of exactly those bytes (the .gz file). */
public record MnistFile(String name, String md5) {
    public static final MnistFile TRAIN_IMAGES = new MnistFile("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873");
    public static final MnistFile TRAIN_LABELS = new MnistFile("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432");
    public static final MnistFile TEST_IMAGES = new MnistFile("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3");
    public static final MnistFile TEST_LABELS = new MnistFile("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c");
    /** The canonical distribution, as listed in ../shared/datasets/mnist/README.md. */
    public static final List<MnistFile> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
}
