package dev.sparknet.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one protocol buffers message into its fields, in file order, without a schema: what
 * {@code describe} needs to summarise an ONNX file. Malformed input (a wire type that does not
 * exist, a length past the end) throws {@link IllegalArgumentException}.
 */
final class ProtoReader {
    /** One field: its number, and either a varint/fixed value or the bytes of a length-delimited one. */
    record Field(int number, int wireType, long value, byte[] bytes) {
        String string() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        ProtoReader message() {
            return new ProtoReader(bytes);
        }

        /** A repeated integer field written packed (one length-delimited run) or as separate varints. */
        List<Long> varints() {
            if (wireType == 0) {
                return List.of(value);
            }
            List<Long> values = new ArrayList<>();
            ProtoReader packed = new ProtoReader(bytes);
            while (packed.pos < bytes.length) {
                values.add(packed.readVarint());
            }
            return values;
        }
    }

    private final byte[] data;
    private int pos;

    ProtoReader(byte[] data) {
        this.data = data;
    }

    List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        pos = 0;
        while (pos < data.length) {
            long tag = readVarint();
            int number = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (number <= 0) {
                throw new IllegalArgumentException("field number " + number + " at byte " + pos);
            }
            switch (wireType) {
                case 0 -> fields.add(new Field(number, wireType, readVarint(), null));
                case 1 -> fields.add(new Field(number, wireType, fixed(8).getLong(), null));
                case 5 -> fields.add(new Field(number, wireType, fixed(4).getInt(), null));
                case 2 -> {
                    long length = readVarint();
                    if (length < 0 || length > data.length - pos) {
                        throw new IllegalArgumentException("length " + length + " past the end at byte " + pos);
                    }
                    byte[] bytes = new byte[(int) length];
                    System.arraycopy(data, pos, bytes, 0, bytes.length);
                    pos += bytes.length;
                    fields.add(new Field(number, wireType, 0, bytes));
                }
                default -> throw new IllegalArgumentException("wire type " + wireType + " at byte " + pos);
            }
        }
        return fields;
    }

    private ByteBuffer fixed(int size) {
        if (data.length - pos < size) {
            throw new IllegalArgumentException("truncated at byte " + pos);
        }
        ByteBuffer b = ByteBuffer.wrap(data, pos, size).order(ByteOrder.LITTLE_ENDIAN);
        pos += size;
        return b;
    }

    private long readVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= data.length) {
                throw new IllegalArgumentException("truncated varint at byte " + pos);
            }
            byte b = data[pos++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes at byte " + pos);
    }
}
