package org.rnn4j.io;

import org.rnn4j.tensor.DType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes {@code .safetensors} files: an 8-byte little-endian header length {@code n},
 * {@code n} bytes of UTF-8 JSON describing each tensor's dtype, shape and byte range, then the
 * little-endian tensor data.
 *
 * <p>Reading is strict and safe on hostile input: the whole header is validated (see
 * {@link CorruptFileException}) before any tensor memory is allocated, so a corrupt or truncated
 * file produces a {@link CorruptFileException}, and allocations never exceed the file's size.
 * Supported dtypes are those of {@link DType}; a file holding any other dtype is rejected.
 */
public final class SafeTensors {
    /** Largest accepted header, as in the reference implementation. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private SafeTensors() {
    }

    /** Reads and validates a whole safetensors file. */
    public static SafeTensorsFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new CorruptFileException(file, "header length", "an 8-byte prefix",
                        "a file of " + size + " bytes");
            }
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ChannelIO.readFully(ch, prefix, 0, file, "header length");
            long n = prefix.getLong(0);
            if (n < 0 || n > MAX_HEADER_BYTES) {
                throw new CorruptFileException(file, "header length", "at most " + MAX_HEADER_BYTES,
                        Long.toUnsignedString(n));
            }
            if (n > size - 8) {
                throw new CorruptFileException(file, "header length",
                        "at most " + (size - 8) + " (the file size - 8)", Long.toString(n));
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
            ChannelIO.readFully(ch, headerBytes, 8, file, "header");
            headerBytes.flip();
            Object json;
            try {
                json = HeaderJson.parse(decodeUtf8(headerBytes, file));
            } catch (HeaderJson.SyntaxException e) {
                throw new CorruptFileException(file, "header", "well-formed JSON", "a syntax error: " + e.getMessage());
            }
            long dataStart = 8 + n;
            SafeTensorsHeader header = SafeTensorsHeader.validate(json, size - dataStart, file);
            List<NamedTensor> tensors = new ArrayList<>();
            for (SafeTensorsHeader.Entry e : header.entries()) {
                HostArray a = ChannelIO.readArray(ch, dataStart + e.begin(), e.dtype(), e.shape(), e.count(),
                        file, "tensor '" + SafeTensorsHeader.abbreviate(e.name()) + "' data");
                tensors.add(new NamedTensor(e.name(), a));
            }
            return new SafeTensorsFile(tensors, header.metadata());
        }
    }

    /** Writes {@code tensors} without a {@code __metadata__} entry; see {@link #write(Path, Map, Map)}. */
    public static void write(Path file, Map<String, HostArray> tensors) throws IOException {
        SafeTensorsWriter.write(file, tensors, null);
    }

    /**
     * Writes {@code tensors} and {@code metadata} atomically (to a temporary file in the same
     * directory, then renamed over {@code file}).
     *
     * <p>The layout matches the reference implementation's: tensors ordered by dtype (8-byte types
     * first, I64, F64, F32, I32) then by name, so every tensor is aligned to its element size; a
     * compact JSON header with {@code __metadata__} first (its keys sorted), padded with spaces to a
     * multiple of 8 bytes. An empty {@code metadata} map writes an empty {@code __metadata__} object.
     *
     * @throws IllegalArgumentException if a name is {@code __metadata__} or contains an unpaired
     *                                  surrogate, or the header would exceed 100 MB
     */
    public static void write(Path file, Map<String, HostArray> tensors, Map<String, String> metadata)
            throws IOException {
        SafeTensorsWriter.write(file, tensors, Objects.requireNonNull(metadata, "metadata"));
    }

    private static String decodeUtf8(ByteBuffer bytes, Path file) throws CorruptFileException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(bytes.remaining());
        CoderResult r = decoder.decode(bytes, out, true);
        if (r.isError()) {
            throw new CorruptFileException(file, "header", "UTF-8 text",
                    "an invalid UTF-8 sequence at header byte " + bytes.position());
        }
        r = decoder.flush(out);
        if (r.isError()) {
            throw new CorruptFileException(file, "header", "UTF-8 text", "a truncated UTF-8 sequence");
        }
        return out.flip().toString();
    }
}
