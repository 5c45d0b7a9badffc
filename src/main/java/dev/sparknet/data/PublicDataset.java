package dev.sparknet.data;

import dev.sparknet.BadInputException;

import java.util.List;

/**
 * A public dataset in MNIST's format that a job can fetch by itself when it is given no {@code --data}: its name
 * (also the name of its cache folder) and its four canonical files with the md5 each is published with.
 */
public record PublicDataset(String name, List<MnistFile> files) {
    public static final PublicDataset MNIST = new PublicDataset("mnist", MnistFile.FILES);
    /**
     * The md5s are those zalandoresearch/fashion-mnist's README publishes for the .gz files it serves. Debian's
     * dataset-fashion-mnist holds the same images and labels recompressed (other .gz bytes, other md5s): its
     * decompressed files match the md5s other loaders publish for the raw files (f4a8712d..., 9018921c...,
     * 8181f547..., 15d48437...), checked here; only the .gz bytes differ.
     */
    public static final PublicDataset FASHION_MNIST = new PublicDataset("fashion-mnist", List.of(
            new MnistFile("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
            new MnistFile("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
            new MnistFile("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
            new MnistFile("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310")));
    public static final List<PublicDataset> ALL = List.of(MNIST, FASHION_MNIST);

    public PublicDataset {
        files = List.copyOf(files);
    }

    /** The dataset called {@code name}; anything else is bad input naming the choices. */
    public static PublicDataset named(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(() -> new BadInputException(
                "--dataset " + name + ": expected " + String.join(" or ", ALL.stream().map(PublicDataset::name).toList())));
    }
}
