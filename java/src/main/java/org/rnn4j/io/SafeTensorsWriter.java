package org.rnn4j.io;

import org.rnn4j.tensor.DType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;

/** Serializes tensors in the reference safetensors layout; used by {@link SafeTensors}. */
final class SafeTensorsWriter {
    /** Compares strings by code point, which is the byte order of their UTF-8 encodings. */
    static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    private SafeTensorsWriter() {
    }

    /** Writes the file; {@code metadata} {@code null} omits the {@code __metadata__} entry. */
    static void write(Path file, Map<String, HostArray> tensors, Map<String, String> metadata) throws IOException {
        List<NamedTensor> ordered = order(tensors);
        byte[] header = header(ordered, metadata);
        AtomicFiles.write(file, ch -> {
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            ChannelIO.writeFully(ch, prefix);
            ChannelIO.writeFully(ch, ByteBuffer.wrap(header));
            for (NamedTensor t : ordered) {
                ChannelIO.writeArray(ch, t.array());
            }
        });
    }

    /** The tensors in the reference order: by dtype (I64, F64, F32, I32), then by name. */
    static List<NamedTensor> order(Map<String, HostArray> tensors) {
        List<NamedTensor> list = new ArrayList<>();
        for (Map.Entry<String, HostArray> e : Objects.requireNonNull(tensors, "tensors").entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "tensor name");
            if (name.equals(SafeTensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be called " + name);
            }
            list.add(new NamedTensor(name, Objects.requireNonNull(e.getValue(), () -> "tensor '" + name + "'")));
        }
        list.sort(Comparator.comparingInt((NamedTensor t) -> rank(t.array().dtype()))
                .thenComparing(NamedTensor::name, CODE_POINT_ORDER));
        return list;
    }

    /** The header JSON, UTF-8 encoded and padded with spaces to a multiple of 8 bytes. */
    static byte[] header(List<NamedTensor> ordered, Map<String, String> metadata) {
        HeaderJson.Writer json = new HeaderJson.Writer();
        try {
            JsonGenerator g = json.generator();
            g.writeStartObject();
            if (metadata != null) {
                json.key(SafeTensorsHeader.METADATA_KEY);
                g.writeStartObject();
                Map<String, String> sorted = new TreeMap<>(CODE_POINT_ORDER);
                sorted.putAll(metadata);
                for (Map.Entry<String, String> e : sorted.entrySet()) {
                    json.key(e.getKey()).string(Objects.requireNonNull(e.getValue(), e.getKey()));
                }
                g.writeEndObject();
            }
            long offset = 0;
            for (NamedTensor t : ordered) {
                HostArray a = t.array();
                long end = offset + (long) a.size() * a.dtype().size();
                json.key(t.name());
                g.writeStartObject();
                json.key("dtype").string(a.dtype().safetensorsName());
                json.key("shape");
                g.writeArray(a.shape(), 0, a.shape().length);
                json.key("data_offsets");
                g.writeArray(new long[] {offset, end}, 0, 2);
                g.writeEndObject();
                offset = end;
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a safetensors header", e);
        }
        byte[] text = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 7) & ~7;
        if (text.length > SafeTensors.MAX_HEADER_BYTES - 7) {
            throw new IllegalArgumentException("safetensors header of " + text.length + " bytes exceeds "
                    + SafeTensors.MAX_HEADER_BYTES);
        }
        byte[] out = Arrays.copyOf(text, padded);
        Arrays.fill(out, text.length, padded, (byte) ' ');
        return out;
    }

    private static int rank(DType t) {
        return switch (t) {
            case I64 -> 0;
            case F64 -> 1;
            case F32 -> 2;
            case I32 -> 3;
        };
    }
}
