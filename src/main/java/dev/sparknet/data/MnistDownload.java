package dev.sparknet.data;

import dev.sparknet.BadInputException;
import dev.sparknet.JobFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Downloads the four canonical MNIST files over HTTP(S), checking each one's md5 while it streams.
 * Plain {@link HttpURLConnection}: connect and read timeouts, redirects followed by hand (also from
 * http to https), no transparent decompression. Every failure is one {@link JobFailedException} line
 * that names the URL or file; an unreachable server's message points at {@code --data} for files
 * fetched by other means.
 */
public final class MnistDownload {
    private static final Logger log = LoggerFactory.getLogger(MnistDownload.class);

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** Longest silence tolerated while waiting for response headers or for the next bytes of a body. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_REDIRECTS = 5;
    /** How every unreachable-server message ends; a caller with its own advice strips it. */
    public static final String OTHER_MEANS =
            "; fetch the four MNIST files by other means and point --data at their directory";

    private final URI base;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public MnistDownload(String baseUrl) {
        this(baseUrl, CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    public MnistDownload(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        this.base = baseUri(baseUrl);
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Checks {@code --url}: an absolute http or https URL of the directory that holds the files. */
    public static URI baseUri(String baseUrl) {
        String trimmed = baseUrl == null ? "" : baseUrl.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new BadInputException("--url " + baseUrl + ": expected an http:// or https:// URL of the directory holding the MNIST files");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new BadInputException("--url " + baseUrl + ": not a valid URL (" + e.getMessage() + ")");
        }
    }

    /** The URL this download fetches {@code name} from. */
    public String url(String name) {
        return base + "/" + name;
    }

    /** Downloads the four canonical files; {@code create} opens the destination of each file by name. */
    public void downloadAll(Function<String, OutputStream> create) {
        downloadAll(MnistFile.FILES, create);
    }

    public void downloadAll(List<MnistFile> files, Function<String, OutputStream> create) {
        for (MnistFile file : files) {
            try (OutputStream out = create.apply(file.name())) {
                download(file, out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file.name(), e);
            }
        }
    }

    /**
     * Streams {@code file} into {@code out} (not closed here) and checks its md5; returns the number of
     * bytes. A mismatch fails after the last byte: the caller must discard what was written.
     */
    public long download(MnistFile file, OutputStream out) {
        String url = url(file.name());
        long started = System.nanoTime();
        HttpURLConnection conn = open(url);
        try {
            long expected = conn.getContentLengthLong();
            log.info("downloading {} ({}) from {}", file.name(),
                    expected >= 0 ? size(expected) : "size unknown", conn.getURL());
            MessageDigest md5 = md5();
            long total = 0;
            try (InputStream in = conn.getInputStream()) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while (true) {
                    try {
                        n = in.read(buffer);
                    } catch (IOException e) {
                        throw brokeOff(url, total, expected, e);
                    }
                    if (n < 0) {
                        break;
                    }
                    md5.update(buffer, 0, n);
                    out.write(buffer, 0, n); // IOException here is about the destination, not the network
                    total += n;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file.name() + " downloaded from " + url, e);
            }
            if (expected >= 0 && total != expected) {
                throw new JobFailedException("download of " + url + " ended after " + total + " of " + expected
                        + " bytes; try again" + OTHER_MEANS);
            }
            String actual = HexFormat.of().formatHex(md5.digest());
            if (!actual.equalsIgnoreCase(file.md5())) {
                throw new JobFailedException(file.name() + ": md5 mismatch, expected " + file.md5() + " but got "
                        + actual + " (" + total + " bytes from " + url + "); the file is corrupt or not the canonical MNIST file");
            }
            log.info("{}: {} bytes in {} s, md5 {} ok", file.name(), total,
                    String.format("%.1f", (System.nanoTime() - started) / 1e9), actual);
            return total;
        } finally {
            conn.disconnect();
        }
    }

    /** Connects and reads the response headers, following up to {@value #MAX_REDIRECTS} redirects. */
    private HttpURLConnection open(String url) {
        String current = url;
        for (int hop = 0; ; hop++) {
            HttpURLConnection conn;
            int status;
            try {
                conn = (HttpURLConnection) new URL(current).openConnection();
                conn.setConnectTimeout(millis(connectTimeout));
                conn.setReadTimeout(millis(readTimeout));
                conn.setInstanceFollowRedirects(false);
                conn.setUseCaches(false);
                conn.setRequestProperty("Accept-Encoding", "identity"); // the bytes of the .gz file, as they are
                conn.setRequestProperty("User-Agent", "sparknet-download");
                conn.connect();
            } catch (MalformedURLException e) {
                throw new BadInputException("--url " + base + ": not a valid URL (" + e.getMessage() + ")");
            } catch (IOException e) {
                throw unreachable(current, e, true);
            }
            try {
                status = conn.getResponseCode();
            } catch (IOException e) {
                conn.disconnect();
                throw unreachable(current, e, false);
            }
            if (status == HttpURLConnection.HTTP_OK) {
                return conn;
            }
            String location = conn.getHeaderField("Location");
            String reason = reason(conn);
            conn.disconnect();
            if (isRedirect(status) && location != null && hop < MAX_REDIRECTS) {
                try {
                    String next = new URL(new URL(current), location).toString();
                    if (next.startsWith("http://") || next.startsWith("https://")) {
                        current = next;
                        continue;
                    }
                } catch (MalformedURLException e) {
                    // fall through to the status error below
                }
            }
            String via = current.equals(url) ? "" : " (redirected from " + url + ")";
            throw new JobFailedException(current + via + ": HTTP " + status + (reason.isEmpty() ? "" : " " + reason)
                    + ", expected 200; check --url");
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String reason(HttpURLConnection conn) {
        try {
            String m = conn.getResponseMessage();
            return m == null ? "" : m.strip();
        } catch (IOException e) {
            return "";
        }
    }

    private JobFailedException unreachable(String url, IOException e, boolean connecting) {
        String why;
        if (e instanceof UnknownHostException) {
            why = "unknown host " + e.getMessage() + "; no network or no DNS?";
        } else if (e instanceof SocketTimeoutException) {
            why = connecting ? "no connection within " + connectTimeout.toSeconds() + " s"
                    : "connected, but no answer within " + readTimeout.toSeconds() + " s";
        } else {
            why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return new JobFailedException("could not reach " + url + " (" + why + ")" + OTHER_MEANS, e);
    }

    private JobFailedException brokeOff(String url, long total, long expected, IOException e) {
        String why = e instanceof SocketTimeoutException ? "no data for " + readTimeout.toSeconds() + " s"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new JobFailedException("download of " + url + " broke off after " + total
                + (expected >= 0 ? " of " + expected : "") + " bytes (" + why + "); try again" + OTHER_MEANS, e);
    }

    private static String size(long bytes) {
        return bytes >= 1_000_000 ? String.format("%.1f MB", bytes / 1e6) : String.format("%.1f kB", bytes / 1e3);
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has MD5", e);
        }
    }
}
