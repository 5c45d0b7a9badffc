package dev.sparknet.data;

/** Constants of the IDX file format used by MNIST (big-endian header, unsigned bytes after it). */
public final class IdxFormat {
    /** Magic of an unsigned-byte tensor of rank 3 (images: count, rows, cols). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic of an unsigned-byte tensor of rank 1 (labels: count). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxFormat() {
    }
}
