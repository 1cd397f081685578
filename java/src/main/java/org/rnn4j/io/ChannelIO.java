package org.rnn4j.io;

import org.rnn4j.tensor.DType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Little-endian bulk transfers between file channels and primitive arrays, in bounded chunks. */
final class ChannelIO {
    /** Chunk size in bytes; a multiple of every element size. */
    private static final int CHUNK = 1 << 16;

    private ChannelIO() {
    }

    /**
     * Fills {@code dst} from {@code ch} starting at {@code position}.
     *
     * @throws CorruptFileException if the file ends first
     */
    static void readFully(FileChannel ch, ByteBuffer dst, long position, Path file, String field)
            throws IOException {
        int wanted = dst.remaining();
        long pos = position;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
            if (n < 0) {
                throw new CorruptFileException(file, field, wanted + " bytes at offset " + position,
                        "end of file after " + (wanted - dst.remaining()) + " bytes");
            }
            pos += n;
        }
    }

    /** Reads {@code count} little-endian elements of {@code type} starting at {@code position}. */
    static HostArray readArray(FileChannel ch, long position, DType type, long[] shape, int count,
            Path file, String field) throws IOException {
        Object data = switch (type) {
            case F32 -> new float[count];
            case F64 -> new double[count];
            case I32 -> new int[count];
            case I64 -> new long[count];
        };
        int per = CHUNK / type.size();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, (long) count * type.size()))
                .order(ByteOrder.LITTLE_ENDIAN);
        long pos = position;
        for (int done = 0; done < count; ) {
            int n = Math.min(per, count - done);
            buf.clear().limit(n * type.size());
            readFully(ch, buf, pos, file, field);
            buf.flip();
            switch (type) {
                case F32 -> buf.asFloatBuffer().get((float[]) data, done, n);
                case F64 -> buf.asDoubleBuffer().get((double[]) data, done, n);
                case I32 -> buf.asIntBuffer().get((int[]) data, done, n);
                case I64 -> buf.asLongBuffer().get((long[]) data, done, n);
                default -> throw new AssertionError(type);
            }
            pos += (long) n * type.size();
            done += n;
        }
        return new HostArray(type, shape, data);
    }

    /** Writes {@code bytes} completely at the channel's current position. */
    static void writeFully(FileChannel ch, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            ch.write(bytes);
        }
    }

    /** Writes the elements of {@code array} little-endian at the channel's current position. */
    static void writeArray(FileChannel ch, HostArray array) throws IOException {
        DType type = array.dtype();
        int count = array.size();
        Object data = array.raw();
        int per = CHUNK / type.size();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, (long) count * type.size()))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < count; ) {
            int n = Math.min(per, count - done);
            buf.clear();
            switch (type) {
                case F32 -> buf.asFloatBuffer().put((float[]) data, done, n);
                case F64 -> buf.asDoubleBuffer().put((double[]) data, done, n);
                case I32 -> buf.asIntBuffer().put((int[]) data, done, n);
                case I64 -> buf.asLongBuffer().put((long[]) data, done, n);
                default -> throw new AssertionError(type);
            }
            buf.limit(n * type.size());
            writeFully(ch, buf);
            done += n;
        }
    }
}
