package dev.sparknet.artifacts;

import dev.sparknet.JobFailedException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * {@code REGISTRY/lock}: created exclusively (atomic on HDFS and local disks) by the one run allowed
 * to write to the registry, holding its run id, host, pid and start time; deleted when the run ends.
 * A lock is stale when its process is gone (same host) or it is older than the lock timeout; a stale
 * lock may be broken, either on request ({@code --break-stale-lock}) or by the resume of the very run
 * that holds it.
 */
public final class RegistryLock implements AutoCloseable {
    public static final String LOCK = "lock";
    private static final int SLEEP_MILLIS = 200;
    private static final int UNREADABLE_RETRIES = 25;
    private static final Logger log = LoggerFactory.getLogger(RegistryLock.class);

    private final FileSystem fs;
    private final Path path;
    private final Holder mine;
    private boolean released;

    /** Who holds a lock. {@code processStart} guards against a reused pid. */
    public record Holder(String runId, String host, long pid, String started, String processStart) {
        /** This process, running {@code runId}. */
        public static Holder current(String runId) {
            ProcessHandle self = ProcessHandle.current();
            return new Holder(runId, hostName(), self.pid(), Instant.now().toString(),
                    self.info().startInstant().map(Instant::toString).orElse(""));
        }

        /** Why the lock is stale, or empty if its holder may still be running. */
        public Optional<String> staleness(Duration timeout, Instant now) {
            if (host.equals(hostName())) {
                Optional<ProcessHandle> process = ProcessHandle.of(pid);
                boolean alive = process.isPresent() && process.get().isAlive() && (processStart.isEmpty()
                        || process.get().info().startInstant().map(Instant::toString).map(processStart::equals).orElse(true));
                if (!alive) {
                    return Optional.of("its process " + pid + " on " + host + " is gone");
                }
            }
            if (Duration.between(Instant.parse(started), now).compareTo(timeout) > 0) {
                return Optional.of("it is older than the lock timeout (" + timeout.toMinutes() + " minutes)");
            }
            return Optional.empty();
        }

        String describe() {
            return "run " + runId + " (pid " + pid + " on " + host + " since " + started + ")";
        }
    }

    private RegistryLock(FileSystem fs, Path path, Holder mine) {
        this.fs = fs;
        this.path = path;
        this.mine = mine;
    }

    /**
     * Takes the registry's lock for {@code runId}, or fails with a message naming the holder.
     *
     * @param breakStale  break a stale lock whoever holds it
     * @param mayTakeOver a stale lock whose holder passes this test is broken too (the run being resumed)
     */
    public static RegistryLock acquire(ModelRegistry registry, String runId, Duration timeout, boolean breakStale,
                                       Predicate<Holder> mayTakeOver) {
        FileSystem fs = registry.fileSystem();
        Path path = new Path(registry.root(), LOCK);
        Holder mine = Holder.current(runId);
        try {
            int breaks = 0;
            int unreadable = 0;
            while (breaks < 5) {
                if (AtomicFiles.createExclusive(fs, path, Json.write(mine))) {
                    log.info("locked registry {} for run {}", registry, runId);
                    return new RegistryLock(fs, path, mine);
                }
                Optional<Holder> holder = read(fs, path);
                if (holder.isEmpty()) {
                    // Released meanwhile, or still being written: on HDFS the file reads empty until its
                    // writer closes it, which under load can take a while. Anything else is not our lock.
                    if (++unreadable > UNREADABLE_RETRIES) {
                        throw new JobFailedException("registry " + registry + ": its lock file " + path + " stayed empty"
                                + " or unreadable for " + UNREADABLE_RETRIES * SLEEP_MILLIS / 1000 + " s. Nothing was"
                                + " changed. If no retrain is running against this registry, delete that file");
                    }
                    sleep();
                    continue;
                }
                breaks++;
                Optional<String> stale = holder.get().staleness(timeout, Instant.now());
                String locked = "registry " + registry + " is locked by " + holder.get().describe();
                if (stale.isEmpty()) {
                    throw new JobFailedException(locked + "; another retrain is running against it. Nothing was changed."
                            + " If that run is dead, its lock becomes stale after --lock-timeout and can be broken"
                            + " with --break-stale-lock");
                }
                if (!breakStale && !mayTakeOver.test(holder.get())) {
                    throw new JobFailedException(locked + ", which is stale (" + stale.get() + "). Nothing was changed."
                            + " Rerun with --break-stale-lock to break it (or --resume to continue that run)");
                }
                breakLock(fs, path, holder.get(), timeout);
                log.warn("broke the stale lock of {} ({})", holder.get().describe(), stale.get());
            }
            throw new JobFailedException("registry " + registry + ": could not take its lock (it changed hands repeatedly)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + path, e);
        }
    }

    /** Moves the stale lock aside; if what was moved turns out to be a fresh lock (a race), it is put back. */
    private static void breakLock(FileSystem fs, Path path, Holder stale, Duration timeout) throws IOException {
        Path aside = new Path(path.getParent(), LOCK + ".broken-" + UUID.randomUUID());
        if (!fs.rename(path, aside)) {
            return; // someone else moved it first
        }
        Optional<Holder> moved = read(fs, aside);
        if (moved.isPresent() && !moved.get().equals(stale) && moved.get().staleness(timeout, Instant.now()).isEmpty()) {
            fs.rename(aside, path);
            return;
        }
        fs.delete(aside, false);
    }

    private static Optional<Holder> read(FileSystem fs, Path path) throws IOException {
        Optional<String> text = AtomicFiles.read(fs, path);
        if (text.isEmpty() || text.get().isBlank()) {
            return Optional.empty();
        }
        try {
            Holder holder = Json.read(text.get(), Holder.class, path.toString());
            Instant.parse(holder.started()); // a lock without a readable start time is as good as unreadable
            return Optional.of(holder);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The current holder of the lock of {@code registry}, if it is locked. */
    public static Optional<Holder> holder(ModelRegistry registry) {
        try {
            return read(registry.fileSystem(), new Path(registry.root(), LOCK));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Holder holder() {
        return mine;
    }

    /** Deletes the lock if it is still this run's. */
    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            Optional<Holder> now = read(fs, path);
            if (now.isPresent() && now.get().equals(mine)) {
                fs.delete(path, false);
                log.info("released the registry lock of run {}", mine.runId());
            } else {
                log.warn("the registry lock is no longer run {}'s ({}); left as it is", mine.runId(),
                        now.map(Holder::describe).orElse("none"));
            }
        } catch (IOException e) {
            log.warn("could not release {}: {}", path, e.getMessage());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(SLEEP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static volatile String host;

    public static String hostName() {
        if (host == null) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                String env = System.getenv("HOSTNAME");
                host = env == null ? "unknown-host" : env;
            }
        }
        return host;
    }
}
