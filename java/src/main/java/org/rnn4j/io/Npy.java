package org.rnn4j.io;

import org.rnn4j.tensor.DType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes numpy {@code .npy} files holding one array.
 *
 * <p>Reading accepts format versions 1.0, 2.0 and 3.0 with the little-endian descrs of
 * {@link DType} ({@code <f4 <f8 <i4 <i8}); the array keeps the file's dtype, use
 * {@link HostArray#toF32()} to convert. Fortran-ordered arrays are rejected unless their layout
 * equals the C layout (at most one dimension larger than 1). Big-endian and other descrs are
 * rejected, and so is a file whose size differs from what its header describes. Every problem is a
 * {@link CorruptFileException}; nothing is allocated before the header has been validated against
 * the file size.
 *
 * <p>Writing produces exactly the bytes {@code np.save} (numpy 2) writes for a C-contiguous array:
 * version 1.0 (2.0 only if the header needs it), header padded with spaces and a newline to a
 * multiple of 64 bytes. Files are written atomically through a temporary sibling file.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    /** Largest accepted header; numpy itself refuses more than 10000 bytes by default. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    private Npy() {
    }

    /** Reads the array stored in {@code file}, in the file's dtype. */
    public static HostArray read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 10) {
                throw new CorruptFileException(file, "preamble", "at least 10 bytes", "a file of " + size + " bytes");
            }
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            pre.limit(10);
            ChannelIO.readFully(ch, pre, 0, file, "preamble");
            for (int i = 0; i < MAGIC.length; i++) {
                if (pre.get(i) != MAGIC[i]) {
                    throw new CorruptFileException(file, "magic", "93 4E 55 4D 50 59 (\\x93NUMPY)", hex(pre, 6));
                }
            }
            int major = pre.get(6) & 0xff;
            int minor = pre.get(7) & 0xff;
            if (major < 1 || major > 3 || minor != 0) {
                throw new CorruptFileException(file, "format version", "1.0, 2.0 or 3.0", major + "." + minor);
            }
            long headerLength;
            int preamble;
            if (major == 1) {
                preamble = 10;
                headerLength = pre.getShort(8) & 0xffffL;
            } else {
                preamble = 12;
                pre.limit(12).position(10);
                ChannelIO.readFully(ch, pre, 10, file, "preamble");
                headerLength = pre.getInt(8) & 0xffffffffL;
            }
            if (headerLength > MAX_HEADER_BYTES || headerLength > size - preamble) {
                throw new CorruptFileException(file, "header length",
                        "at most " + Math.min(MAX_HEADER_BYTES, Math.max(0, size - preamble))
                                + " (limited by the file size and " + MAX_HEADER_BYTES + ")",
                        Long.toString(headerLength));
            }
            NpyHeader header = NpyHeader.parse(readAscii(ch, preamble, (int) headerLength, file), file);
            return readData(ch, header, preamble + headerLength, size, file);
        }
    }

    /** Writes {@code array} to {@code file} (atomically), as {@code np.save} would. */
    public static void write(Path file, HostArray array) throws IOException {
        byte[] header = header(array.dtype(), array.shape());
        AtomicFiles.write(file, ch -> {
            ChannelIO.writeFully(ch, ByteBuffer.wrap(header));
            ChannelIO.writeArray(ch, array);
        });
    }

    /** Writes a float32 array of the given shape (no shape: a scalar). */
    public static void write(Path file, float[] data, long... shape) throws IOException {
        write(file, new HostArray(DType.F32, shape, data));
    }

    /** Writes a float64 array of the given shape (no shape: a scalar). */
    public static void write(Path file, double[] data, long... shape) throws IOException {
        write(file, new HostArray(DType.F64, shape, data));
    }

    /** Writes an int32 array of the given shape (no shape: a scalar). */
    public static void write(Path file, int[] data, long... shape) throws IOException {
        write(file, new HostArray(DType.I32, shape, data));
    }

    /** Writes an int64 array of the given shape (no shape: a scalar). */
    public static void write(Path file, long[] data, long... shape) throws IOException {
        write(file, new HostArray(DType.I64, shape, data));
    }

    /** The complete header (magic, version, length, dictionary, padding, newline). */
    static byte[] header(DType dtype, long[] shape) {
        byte[] dict = NpyHeader.format(dtype, shape).getBytes(StandardCharsets.US_ASCII);
        int major = 1;
        int preamble = 10;
        int total = align(preamble + dict.length + 1);
        if (total - preamble > 0xffff) {
            major = 2;
            preamble = 12;
            total = align(preamble + dict.length + 1);
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) (total - preamble));
        } else {
            b.putInt(total - preamble);
        }
        b.put(dict);
        while (b.position() < total - 1) {
            b.put((byte) ' ');
        }
        return b.put((byte) '\n').array();
    }

    /** numpy's padding: always at least one space, up to a full {@value #ALIGN} bytes. */
    private static int align(int unpadded) {
        return unpadded + ALIGN - unpadded % ALIGN;
    }

    private static String readAscii(FileChannel ch, long position, int length, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        ChannelIO.readFully(ch, b, position, file, "header");
        byte[] bytes = b.array();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                throw new CorruptFileException(file, "header", "ASCII text",
                        String.format("the byte %02X at header byte %d", bytes[i] & 0xff, i));
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static HostArray readData(FileChannel ch, NpyHeader header, long offset, long size, Path file)
            throws IOException {
        long[] shape = header.shape();
        long count;
        try {
            count = Shapes.elementCount(shape);
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException(file, "shape", "dimensions whose product fits in 64 bits",
                    Shapes.format(shape));
        }
        if (header.fortranOrder() && count > 0 && !sameAsCOrder(shape)) {
            throw new CorruptFileException(file, "fortran_order",
                    "False (Fortran-ordered arrays of rank >= 2 are not supported)",
                    "True, shape " + Shapes.format(shape));
        }
        if (count > Shapes.MAX_ELEMENTS) {
            throw new CorruptFileException(file, "shape", "at most " + Shapes.MAX_ELEMENTS + " elements (a Java array)",
                    count + " elements in " + Shapes.format(shape));
        }
        long bytes = count * header.dtype().size();
        if (size - offset != bytes) {
            throw new CorruptFileException(file, "data", bytes + " bytes (shape " + Shapes.format(shape) + " of "
                    + header.dtype() + ")", (size - offset) + " bytes after the header");
        }
        return ChannelIO.readArray(ch, offset, header.dtype(), shape, (int) count, file, "data");
    }

    private static boolean sameAsCOrder(long[] shape) {
        int large = 0;
        for (long d : shape) {
            if (d > 1) {
                large++;
            }
        }
        return large <= 1;
    }

    private static String hex(ByteBuffer b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? " " : "").append(String.format("%02X", b.get(i) & 0xff));
        }
        return sb.toString();
    }
}
