package dev.sparknet.data;

import dev.sparknet.BadInputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.net.ConnectTimeoutException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;

/**
 * Asks the NameNode of each hdfs:// path one question before a job starts, and turns silence into one line.
 *
 * <p>Hadoop's IPC client is patient: a connect that times out is retried 45 times, 20 s each (15 minutes), and a
 * NameNode that accepts the connection but never replies is waited for without end (ipc.client.rpc-timeout.ms is
 * 0: the client pings and keeps waiting). Only a refused connection fails at once (a non-HA client tries once).
 * So the probe uses a client of its own (never cached, closed after) that gives up within seconds; the job's
 * client keeps Hadoop's defaults, which ride out a slow NameNode in the middle of a run.
 */
public final class NameNodeProbe {
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int REPLY_TIMEOUT_MS = 10_000;

    private NameNodeProbe() {
    }

    /**
     * Each (flag, path) pair, once per NameNode: blank paths are skipped, so are paths on file systems other
     * than HDFS.
     */
    public static void requireAnswering(Configuration conf, String... flagsAndPaths) {
        Set<String> asked = new HashSet<>();
        for (int i = 0; i + 1 < flagsAndPaths.length; i += 2) {
            String flag = flagsAndPaths[i];
            String path = flagsAndPaths[i + 1];
            if (path == null || path.isBlank()) {
                continue;
            }
            Path p = new Path(path);
            // a path without a scheme lives on the default file system (fs.defaultFS), which may be HDFS
            URI fs = p.toUri().getScheme() == null ? FileSystem.getDefaultUri(conf) : p.toUri();
            if ("hdfs".equalsIgnoreCase(fs.getScheme()) && asked.add(String.valueOf(fs.getAuthority()))) {
                requireAnswering(flag, path, p, fs, conf);
            }
        }
    }

    private static void requireAnswering(String flag, String path, Path p, URI fs, Configuration conf) {
        String host = fs.getHost();
        // Resolved here rather than left to the client, which would log a warning of its own before failing;
        // an HA nameservice is a logical name, not a host.
        if (host != null && !conf.getTrimmedStringCollection("dfs.nameservices").contains(host)) {
            try {
                InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new BadInputException(flag + " " + path + ": unknown host " + host + " (no NameNode to ask)");
            }
        }
        Configuration quick = new Configuration(conf);
        quick.setInt("ipc.client.connect.timeout", CONNECT_TIMEOUT_MS);
        quick.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
        quick.setInt("ipc.client.connect.max.retries", 0);
        quick.setInt("ipc.client.rpc-timeout.ms", REPLY_TIMEOUT_MS);
        try (FileSystem client = FileSystem.newInstance(fs, quick)) {
            client.exists(p);
        } catch (IOException | IllegalArgumentException e) {
            String why = silence(e, fs.getAuthority());
            if (why != null) {
                throw new BadInputException(flag + " " + path + ": " + why);
            }
            // an answer that is an error (permissions, safe mode, ...) is the job's to report, where it happens
        }
    }

    /** Why no NameNode at {@code authority} answered, or null when the failure came from one that did. */
    static String silence(Throwable e, String authority) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return "no NameNode answers at " + authority + " (connection refused)";
            }
            if (t instanceof ConnectTimeoutException) {
                return "no NameNode answers at " + authority + " (no connection within " + CONNECT_TIMEOUT_MS / 1000 + " s)";
            }
            if (t instanceof SocketTimeoutException) {
                return "the NameNode at " + authority + " accepted the connection but did not reply within "
                        + REPLY_TIMEOUT_MS / 1000 + " s";
            }
            if (t instanceof SocketException) {
                return "no NameNode answers at " + authority + " (" + t.getMessage() + ")";
            }
        }
        return null;
    }
}
