package org.rnn4j.io;

import org.rnn4j.tensor.DType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated content of a safetensors JSON header: tensor entries sorted by data offset and
 * the optional {@code __metadata__} map. Construction checks every field and that the entries'
 * byte ranges tile the data area exactly, so reading the data afterwards cannot fail on sizes.
 */
final class SafeTensorsHeader {
    static final String METADATA_KEY = "__metadata__";
    private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");

    /** One tensor's header entry; {@code [begin, end)} is relative to the data area. */
    record Entry(String name, DType dtype, long[] shape, int count, long begin, long end) {
    }

    private final List<Entry> entries;
    private final Map<String, String> metadata;

    private SafeTensorsHeader(List<Entry> entries, Map<String, String> metadata) {
        this.entries = entries;
        this.metadata = metadata;
    }

    /** Entries sorted by data offset (ties between empty tensors by name). */
    List<Entry> entries() {
        return entries;
    }

    /** The {@code __metadata__} map in file order, empty if absent. */
    Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Validates a parsed header.
     *
     * @param json       the value returned by {@link HeaderJson#parse}
     * @param dataLength the number of bytes after the header
     */
    static SafeTensorsHeader validate(Object json, long dataLength, Path file) throws CorruptFileException {
        if (!(json instanceof Map<?, ?> top)) {
            throw new CorruptFileException(file, "header", "a JSON object", typeName(json));
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : top.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA_KEY)) {
                metadata = metadata(e.getValue(), file);
            } else {
                entries.add(entry(name, e.getValue(), dataLength, file));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end)
                .thenComparing(Entry::name));
        checkTiling(entries, dataLength, file);
        return new SafeTensorsHeader(List.copyOf(entries), metadata);
    }

    private static Map<String, String> metadata(Object value, Path file) throws CorruptFileException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new CorruptFileException(file, METADATA_KEY, "an object of string values", typeName(value));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new CorruptFileException(file, METADATA_KEY + "." + abbreviate((String) e.getKey()), "a string",
                        typeName(e.getValue()));
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    private static Entry entry(String name, Object value, long dataLength, Path file) throws CorruptFileException {
        String field = "tensor '" + abbreviate(name) + "'";
        if (!(value instanceof Map<?, ?> map)) {
            throw new CorruptFileException(file, field, "an object", typeName(value));
        }
        for (Object key : map.keySet()) {
            if (!ENTRY_KEYS.contains(key)) {
                throw new CorruptFileException(file, field, "only the keys dtype, shape and data_offsets",
                        "unknown key \"" + abbreviate((String) key) + "\"");
            }
        }
        DType dtype = dtype(map.get("dtype"), field + " dtype", file);
        long[] shape = longs(map.get("shape"), -1, field + " shape", file);
        long count;
        try {
            count = Shapes.elementCount(shape);
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException(file, field + " shape",
                    "non-negative dimensions whose product fits in 64 bits", Shapes.format(shape));
        }
        if (count > Shapes.MAX_ELEMENTS) {
            throw new CorruptFileException(file, field + " shape",
                    "at most " + Shapes.MAX_ELEMENTS + " elements (a Java array)", count + " elements");
        }
        long[] offsets = longs(map.get("data_offsets"), 2, field + " data_offsets", file);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin || end > dataLength) {
            throw new CorruptFileException(file, field + " data_offsets",
                    "[begin, end] with 0 <= begin <= end <= " + dataLength + " (the data area size)",
                    Shapes.format(offsets));
        }
        long bytes = count * dtype.size();
        if (end - begin != bytes) {
            throw new CorruptFileException(file, field + " data_offsets",
                    "a range of " + bytes + " bytes (" + count + " elements of " + dtype + ", shape "
                            + Shapes.format(shape) + ")",
                    Shapes.format(offsets) + ", a range of " + (end - begin) + " bytes");
        }
        return new Entry(name, dtype, shape, (int) count, begin, end);
    }

    private static DType dtype(Object value, String field, Path file) throws CorruptFileException {
        if (!(value instanceof String s)) {
            throw new CorruptFileException(file, field, "a string", typeName(value));
        }
        return DType.fromSafetensorsName(s).orElseThrow(() -> new CorruptFileException(file, field,
                "one of F32, F64, I32, I64", "unsupported dtype \"" + abbreviate(s) + "\""));
    }

    private static long[] longs(Object value, int length, String field, Path file) throws CorruptFileException {
        String wanted = length < 0 ? "an array of integers" : "an array of " + length + " integers";
        if (!(value instanceof List<?> list)) {
            throw new CorruptFileException(file, field, wanted, typeName(value));
        }
        if (length >= 0 && list.size() != length) {
            throw new CorruptFileException(file, field, wanted, "an array of " + list.size() + " values");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v)) {
                throw new CorruptFileException(file, field, wanted, typeName(list.get(i)) + " at index " + i);
            }
            out[i] = v;
        }
        return out;
    }

    private static void checkTiling(List<Entry> sorted, long dataLength, Path file) throws CorruptFileException {
        long expected = 0;
        for (Entry e : sorted) {
            if (e.begin() != expected) {
                throw new CorruptFileException(file, "tensor '" + abbreviate(e.name()) + "' data_offsets",
                        "to begin at " + expected + " (tensors must tile the data area without gaps or overlaps)",
                        e.begin() + (e.begin() > expected ? " (a gap)" : " (an overlap)"));
            }
            expected = e.end();
        }
        if (expected != dataLength) {
            throw new CorruptFileException(file, "data area", expected + " bytes (the end of the last tensor)",
                    dataLength + " bytes");
        }
    }

    private static String typeName(Object value) {
        if (value == null) {
            return "nothing (the key is missing)";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String s) {
            return "the string \"" + abbreviate(s) + "\"";
        }
        return "the integer " + value;
    }

    /** {@code s}, cut to a length that is reasonable in an exception message. */
    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
