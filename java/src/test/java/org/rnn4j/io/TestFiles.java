package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Helpers shared by the tests: a little-endian byte builder and file/exception assertions. */
final class TestFiles {
    private TestFiles() {
    }

    /** Reads one of the two formats. */
    @FunctionalInterface
    interface Reader {
        Object read(Path file) throws IOException;
    }

    /** Accumulates bytes, little-endian. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes raw(int... values) {
            for (int v : values) {
                out.write(v);
            }
            return this;
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Bytes ascii(String s) {
            return raw(s.getBytes(StandardCharsets.UTF_8));
        }

        Bytes u16(int v) {
            return raw(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array());
        }

        Bytes u32(long v) {
            return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
        }

        Bytes i64(long... values) {
            for (long v : values) {
                raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
            }
            return this;
        }

        Bytes f32(float... values) {
            for (float v : values) {
                raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array());
            }
            return this;
        }

        Bytes f64(double... values) {
            for (double v : values) {
                raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array());
            }
            return this;
        }

        Bytes i32(int... values) {
            for (int v : values) {
                raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
            }
            return this;
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }

    /** A safetensors file: length prefix, the header padded with spaces to a multiple of 8, data. */
    static byte[] safetensors(String header, byte[] data) {
        int padded = (header.getBytes(StandardCharsets.UTF_8).length + 7) / 8 * 8;
        byte[] h = new Bytes().ascii(header).toArray();
        Bytes b = new Bytes().i64(padded).raw(h);
        for (int i = h.length; i < padded; i++) {
            b.raw(' ');
        }
        return b.raw(data).toArray();
    }

    /**
     * A version 1.0 .npy file: the preamble, {@code dict}, spaces and a newline up to
     * {@code headerTotal} bytes (preamble included), then {@code data}.
     */
    static byte[] npy(String dict, int headerTotal, byte[] data) {
        Bytes b = new Bytes().raw(0x93).ascii("NUMPY").raw(1, 0).u16(headerTotal - 10).ascii(dict);
        for (int i = 10 + dict.length(); i < headerTotal - 1; i++) {
            b.raw(' ');
        }
        return b.raw('\n').raw(data).toArray();
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    /** Asserts reading {@code content} fails with a {@link CorruptFileException} mentioning {@code fragment}. */
    static CorruptFileException assertCorrupt(Path dir, Reader reader, byte[] content, String fragment)
            throws IOException {
        Path p = write(dir, "corrupt.bin", content);
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> reader.read(p));
        if (!e.getMessage().contains(fragment)) {
            fail("message \"" + e.getMessage() + "\" does not contain \"" + fragment + "\"");
        }
        if (!e.getMessage().startsWith(p.toString())) {
            fail("message \"" + e.getMessage() + "\" does not name the file");
        }
        return e;
    }

    /** Asserts reading {@code content} either succeeds or fails with a {@link CorruptFileException}. */
    static void assertReadsOrCorrupt(Path dir, Reader reader, byte[] content) throws IOException {
        Path p = write(dir, "fuzz.bin", content);
        try {
            reader.read(p);
        } catch (CorruptFileException expected) {
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("unexpected " + e + " reading " + java.util.HexFormat.of().formatHex(content), e);
        }
    }
}
