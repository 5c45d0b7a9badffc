package dev.sparknet.training;

import org.deeplearning4j.core.loader.DataSetLoader;

import java.util.List;

/**
 * One pass of an epoch over (some of) the training minibatch files, each turned into a DataSet on the
 * executors by {@code loader}; {@code examples} is how many examples the files hold.
 */
public record EpochPass(List<String> files, DataSetLoader loader, long examples) {
    public EpochPass {
        files = List.copyOf(files);
    }
}
