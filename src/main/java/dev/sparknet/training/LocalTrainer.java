package dev.sparknet.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Plain single-JVM training ({@code MultiLayerNetwork.fit}, no Spark) over minibatches held in
 * memory: the yardstick the distributed trainer is measured against.
 */
public final class LocalTrainer {
    private final MultiLayerNetwork network;
    private final long seed;

    public LocalTrainer(MultiLayerNetwork network, long seed) {
        this.network = network;
        this.seed = seed;
    }

    public EpochResult fitEpoch(int epoch, List<DataSet> batches) {
        List<DataSet> order = new ArrayList<>(batches);
        Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
        long start = System.nanoTime();
        double lossSum = 0;
        long examples = 0;
        for (DataSet batch : order) {
            network.fit(batch);
            double loss = network.score();
            DivergenceCheck.NON_FINITE_ONLY.check(loss, "in epoch " + epoch);
            lossSum += loss;
            examples += batch.numExamples();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochResult(epoch, lossSum / Math.max(1, order.size()), seconds, examples, 0);
    }
}
