package dev.sparknet.artifacts;

import dev.sparknet.BadInputException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Walks the entries of a zip that nobody vouches for, in file order, with every read bounded: the raw
 * bytes taken from the file (a deflate stream of empty blocks inflates to nothing but can be endless),
 * the bytes each entry may inflate to (zip bombs), and the entries themselves (a name seen twice is
 * refused, because two readers of one zip may then disagree on which copy counts).
 *
 * <p>Reading past a bound throws {@link BadInputException} naming the file and the entry.
 */
final class BoundedZip implements AutoCloseable {
    private final String label;
    private final CountingInput raw;
    private final ZipInputStream zip;
    private final Set<String> seen = new HashSet<>();
    private ZipEntry current;
    private long entryLimit;
    private long entryRead;

    /** {@code label} names the file in messages, e.g. "--model runs/m/model.zip". */
    BoundedZip(InputStream in, String label, long rawLimit) {
        this.label = label;
        this.raw = new CountingInput(in, rawLimit);
        this.zip = new ZipInputStream(raw);
    }

    /** Raises the raw-byte bound once the caller knows how large the rest of the file may be. */
    void raiseRawLimit(long rawLimit) {
        raw.limit = Math.max(raw.limit, rawLimit);
    }

    /** The next entry's name, or null at the end of the zip. */
    String next() {
        try {
            current = zip.getNextEntry();
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (current == null) {
            return null;
        }
        String name = current.getName();
        if (!seen.add(name)) {
            throw new BadInputException(label + ": holds the entry " + quoted(name) + " twice");
        }
        entryRead = 0;
        entryLimit = Long.MAX_VALUE;
        return name;
    }

    /** All of the current entry, which may not inflate to more than {@code limit} bytes. */
    byte[] readAll(int limit) {
        bound(limit);
        byte[] buffer = new byte[Math.min(limit, 1 << 16)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length == limit) {
                    // one byte more than allowed tells an entry of exactly `limit` bytes from a larger one
                    if (read() < 0) {
                        break;
                    }
                    throw tooLarge();
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(limit, 2L * buffer.length));
            }
            int n = read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        return Arrays.copyOf(buffer, length);
    }

    /** Limits the current entry to {@code limit} inflated bytes; later reads past it fail. */
    void bound(long limit) {
        entryLimit = limit;
    }

    int read(byte[] b, int off, int len) {
        try {
            long allowance = entryLimit == Long.MAX_VALUE ? len : entryLimit - entryRead + 1;
            int n = zip.read(b, off, (int) Math.min(len, allowance));
            if (n > 0) {
                entryRead += n;
                if (entryRead > entryLimit) {
                    throw tooLarge();
                }
            }
            return n;
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    int read() {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /** Whether the current entry has no bytes left (read as far as it may be). */
    boolean atEntryEnd() {
        return read() < 0;
    }

    /** The current entry as a stream, within its bound. */
    InputStream entryStream() {
        return new InputStream() {
            @Override
            public int read() {
                return BoundedZip.this.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return BoundedZip.this.read(b, off, len);
            }
        };
    }

    String entryName() {
        return current.getName();
    }

    private BadInputException tooLarge() {
        return new BadInputException(label + ": entry " + quoted(current.getName()) + " inflates to more than "
                + entryLimit + " bytes, more than a model of the declared size needs (a zip bomb?)");
    }

    private BadInputException unreadable(IOException e) {
        if (e instanceof RawLimitException) {
            return new BadInputException(label + ": " + e.getMessage());
        }
        String what = e instanceof ZipException ? "not a valid zip file" : "not a readable zip file";
        return new BadInputException(label + ": " + what + " (" + e.getMessage() + ")", e);
    }

    /** Entry names are attacker-chosen text: quoted and cut so that a message stays one short line. */
    static String quoted(String name) {
        return "'" + BadInputException.printable(name, 80) + "'";
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // nothing was written; the caller already has what it needs or an error to report
        }
    }

    private static final class RawLimitException extends IOException {
        RawLimitException(String message) {
            super(message);
        }
    }

    /** The file's bytes, counted; more than {@code limit} is refused. */
    private static final class CountingInput extends FilterInputStream {
        long limit;
        long count;

        CountingInput(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            int n = super.read(b, off, (int) Math.min(len, limit + 1 - count));
            if (n > 0) {
                count += n;
                check();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // through read, so that skipped bytes count too
            byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
            int got = buffer.length == 0 ? 0 : read(buffer, 0, buffer.length);
            return Math.max(got, 0);
        }

        private void check() throws RawLimitException {
            if (count > limit) {
                throw new RawLimitException("the file is larger than a model of the declared size can be (more than "
                        + limit + " bytes)");
            }
        }
    }
}
