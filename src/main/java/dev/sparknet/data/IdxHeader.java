package dev.sparknet.data;

/** What an IDX header announces: the kind of file and its dimensions (labels have rows = cols = 1). */
public record IdxHeader(Kind kind, int count, int rows, int cols) {
    public enum Kind { IMAGES, LABELS }

    public int pixelsPerImage() {
        return rows * cols;
    }
}
