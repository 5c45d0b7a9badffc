package dev.sparknet.approx;

import dev.sparknet.training.TrainingConfig;
import dev.sparknet.training.TrainingDivergedException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Trains the {@code --restarts} seeded networks on one set of training minibatches and keeps the best on
 * the validation sample. A 1-6-1 ReLU network often wastes a unit, and which way it goes is settled in
 * the first epochs; so with more restarts than {@code --keep}, all train {@code --screen-epochs} epochs
 * and only the {@code --keep} best train on.
 *
 * @param all             every restart, in seed order, as far as it trained
 * @param best            the one kept: lowest validation MSE after its last epoch
 * @param trainingSeconds wall time of all training and validation scoring
 */
record Restarts(List<Restart> all, Restart best, double trainingSeconds) {
    private static final Logger log = LoggerFactory.getLogger(Restarts.class);

    /** Training samples regenerated on the driver (the first ones of the training stream) to report the training MSE. */
    private static final int TRAIN_PROBE = 4096;

    Restarts {
        all = List.copyOf(all);
    }

    /** Trains the restarts on {@code workers} parallel tasks; throws when every one of them diverged. */
    static Restarts train(JavaSparkContext sc, ApproxJobConfig config, Standardizer standardizer, int workers) {
        TrainingConfig training = config.training();
        long seed = training.seed();
        Probe train = Probe.of(SampleGenerator.xs(seed, SampleGenerator.Stream.TRAIN,
                Math.min(TRAIN_PROBE, config.samples()), config.range()), config.target(), standardizer);
        Probe validation = Probe.of(SampleGenerator.xs(seed, SampleGenerator.Stream.VALIDATION,
                config.validationSamples(), config.range()), config.target(), standardizer);
        SampleGenerator.Spec spec = new SampleGenerator.Spec(config.target(), config.range(), seed, config.samples());
        int batchCount = SampleGenerator.batchCount(spec, training.batchSize());
        // Every restart and every epoch reads the same minibatches: generate them once.
        JavaRDD<DataSet> batches = SampleGenerator.minibatches(sc, spec, training.batchSize(), standardizer, workers)
                .persist(StorageLevel.MEMORY_ONLY_SER());
        logPlan(config, standardizer, batchCount, workers);

        long start = System.nanoTime();
        List<Restart> restarts = new ArrayList<>();
        for (int r = 0; r < config.restarts(); r++) {
            restarts.add(new Restart(sc, config, r, batches, batchCount, workers));
        }
        for (Restart restart : screen(config, restarts, train, validation)) {
            restart.trainUntil(training.epochs(), training.learningRate(), train, validation);
            logRestart(restart, config.restarts(), "");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        batches.unpersist(false);
        Restart best = restarts.stream().filter(r -> !r.failed())
                .min(Comparator.comparingDouble(Restart::rankingMse)).orElse(null);
        if (best == null) {
            throw new TrainingDivergedException("every restart diverged (" + restarts.get(0).failure() + ")");
        }
        return new Restarts(restarts, best, seconds);
    }

    /** Whether screening cut the restarts short: there were more than {@code --keep}, and epochs left after screening. */
    static boolean screens(ApproxJobConfig config) {
        return config.restarts() > config.keep() && config.screenEpochs() < config.training().epochs();
    }

    /**
     * When {@link #screens}, trains every restart for {@code --screen-epochs} epochs and returns the
     * {@code --keep} best on the validation sample (the others stop there); otherwise returns all of them
     * untrained.
     */
    private static List<Restart> screen(ApproxJobConfig config, List<Restart> restarts, Probe train, Probe validation) {
        if (!screens(config)) {
            return restarts;
        }
        for (Restart restart : restarts) {
            restart.trainUntil(config.screenEpochs(), config.training().learningRate(), train, validation);
            logRestart(restart, restarts.size(), " (screening)");
        }
        List<Restart> finalists = restarts.stream().filter(r -> !r.failed())
                .sorted(Comparator.comparingDouble(Restart::rankingMse)).limit(config.keep()).toList();
        log.info("screening kept restarts {} of {}", finalists.stream().map(r -> String.valueOf(r.index() + 1))
                .collect(Collectors.joining(", ")), restarts.size());
        return finalists;
    }

    private static void logPlan(ApproxJobConfig config, Standardizer standardizer, int batchCount, int workers) {
        TrainingConfig training = config.training();
        log.info("target y = {} on {}: variance {}; {} training samples in {} minibatches of {} on {} workers, "
                        + "averaging every {}; network {}, Adam lr {} x {}/epoch, {} epochs, {} restarts",
                config.target(), config.range(), Numbers.brief(standardizer.yVariance()), config.samples(),
                batchCount, training.batchSize(), workers, training.averagingFrequency(),
                config.network(0).describe(), training.learningRate().initial(),
                training.learningRate().decayPerEpoch(), training.epochs(), config.restarts());
        if (screens(config)) {
            log.info("every restart trains {} epochs; the {} best on the validation sample train on to epoch {}",
                    config.screenEpochs(), config.keep(), training.epochs());
        }
    }

    private static void logRestart(Restart restart, int restarts, String phase) {
        log.info("restart {}/{} (seed {}): validation mse {} after {} epochs{}, {} s{}", restart.index() + 1, restarts,
                restart.seed(), Numbers.brief(restart.validationMse()), restart.epochsTrained(), phase,
                Numbers.brief(restart.seconds()), restart.failed() ? ": " + restart.failure() : "");
    }
}
