package dev.sparknet.training;

import dev.sparknet.data.ByteBatchLoader;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameter-averaging loop. Each averaging round is one call to DL4J's {@code fitPaths} on an RDD
 * with one partition per worker: every worker fits its {@code averagingFrequency} minibatch files
 * starting from the current parameters and Adam state, then both are averaged on the driver. Driving
 * the rounds from here (rather than handing DL4J the whole epoch) gives a loss and progress per round
 * and a seeded batch order per epoch.
 */
public final class DistributedTrainer {
    private static final ByteBatchLoader LOADER = new ByteBatchLoader();
    private final JavaSparkContext sc;
    private final SparkDl4jMultiLayer network;
    private final int workers;
    private final int averagingFrequency;
    private final long seed;
    private final TrainingListener listener;
    private final DivergenceCheck divergence;

    public DistributedTrainer(JavaSparkContext sc, SparkDl4jMultiLayer network, int workers, int averagingFrequency,
                              long seed, TrainingListener listener, DivergenceCheck divergence) {
        this.sc = sc;
        this.network = network;
        this.workers = workers;
        this.averagingFrequency = averagingFrequency;
        this.seed = seed;
        this.listener = listener;
        this.divergence = divergence;
    }

    /** Fits one epoch over the given minibatch files, which hold {@code examples} examples in all. */
    public EpochResult fitEpoch(int epoch, List<String> batchFiles, long examples) {
        return fitEpoch(epoch, List.of(new EpochPass(batchFiles, LOADER, examples)));
    }

    /** Fits one epoch made of passes (see {@link EpochFeed}); each pass is cut into its own rounds. */
    public EpochResult fitEpoch(int epoch, List<EpochPass> passes) {
        List<List<String>> rounds = new ArrayList<>();
        List<DataSetLoader> loaders = new ArrayList<>();
        long examples = 0;
        for (EpochPass pass : passes) {
            for (List<String> round : RoundPlan.rounds(pass.files(), workers, averagingFrequency, seed, epoch)) {
                rounds.add(round);
                loaders.add(pass.loader());
            }
            examples += pass.examples();
        }
        int batches = rounds.stream().mapToInt(List::size).sum();
        long start = System.nanoTime();
        double weightedLoss = 0;
        int done = 0;
        for (int r = 0; r < rounds.size(); r++) {
            List<String> round = rounds.get(r);
            JavaRDD<String> files = sc.parallelize(round, Math.min(workers, round.size()));
            if (network.getTrainingMaster() instanceof RoundTrainingMaster master) {
                master.expectRound(round.size());
            }
            network.fitPaths(files, loaders.get(r));
            double loss = network.getScore();
            divergence.check(loss, "in epoch " + epoch + " after " + (done + round.size()) + " of "
                    + batches + " minibatches");
            weightedLoss += loss * round.size();
            done += round.size();
            double seconds = (System.nanoTime() - start) / 1e9;
            listener.onRound(epoch, done, batches, examples * done / Math.max(1, batches), seconds, loss);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochResult(epoch, weightedLoss / Math.max(1, done), seconds, examples, rounds.size());
    }
}
