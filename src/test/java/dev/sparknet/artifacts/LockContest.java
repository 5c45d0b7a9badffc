package dev.sparknet.artifacts;

import dev.sparknet.JobFailedException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code contenders} runs ("run-0", "run-1", ...) asking for the registry's lock at the same moment,
 * each on its own thread; what each got.
 *
 * @param contenders how many asked
 * @param winners    run ids that got the lock
 * @param losers     the messages the others failed with
 * @param held       the locks taken, to release
 */
record LockContest(int contenders, List<String> winners, List<String> losers, List<RegistryLock> held) {

    static LockContest run(ModelRegistry registry, int contenders) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        List<String> winners = Collections.synchronizedList(new ArrayList<>());
        List<String> losers = Collections.synchronizedList(new ArrayList<>());
        List<RegistryLock> held = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            String runId = "run-" + i;
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    held.add(RegistryLock.acquire(registry, runId, Duration.ofHours(1), false, h -> false));
                    winners.add(runId);
                } catch (JobFailedException e) {
                    losers.add(e.getMessage());
                }
                return null;
            }));
        }
        start.countDown();
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new LockContest(contenders, winners, losers, held);
    }

    /** The promise on every file system: one winner, every other contender told who holds the lock. Then releases it. */
    void assertOneWinnerThenRelease() {
        assertEquals(1, winners.size(), "winners " + winners + ", losers " + losers);
        assertEquals(contenders - 1, losers.size(), losers.toString());
        for (String message : losers) {
            assertTrue(message.contains("is locked by run " + winners.get(0)) && message.contains("pid "), message);
        }
        held.get(0).close();
    }
}
