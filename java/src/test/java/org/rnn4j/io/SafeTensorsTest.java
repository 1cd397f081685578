package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    /** What the reference implementation writes for the tensors of {@link #referenceTensors()}. */
    private static final String REFERENCE_HEADER = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"d\":{\"dtype\":\"I64\",\"shape\":[0,2],\"data_offsets\":[0,0]},"
            + "\"\u00e9\\\"\\n\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
            + "\"c\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[8,16]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[16,40]},"
            + "\"e\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[40,48]},"
            + "\"a\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[48,56]}}";

    @TempDir
    Path dir;

    private static Map<String, HostArray> referenceTensors() {
        Map<String, HostArray> m = new HashMap<>();
        m.put("b", HostArray.ofFloats(new float[] {0, 1, 2, 3, 4, 5}, 2, 3));
        m.put("a", HostArray.ofInts(new int[] {1, -2}, 2));
        m.put("c", HostArray.ofDoubles(new double[] {3.5}));
        m.put("d", HostArray.ofLongs(new long[0], 0, 2));
        m.put("e", HostArray.ofFloats(new float[] {1, 2}, 2));
        m.put("\u00e9\"\n", HostArray.ofLongs(new long[] {7}, 1));
        return m;
    }

    private static byte[] referenceFile() {
        byte[] data = new TestFiles.Bytes().i64(7).f64(3.5).f32(0, 1, 2, 3, 4, 5).f32(1, 2).i32(1, -2).toArray();
        return TestFiles.safetensors(REFERENCE_HEADER, data);
    }

    @Test
    void writesTheReferenceLayoutByteForByte() throws IOException {
        Path p = dir.resolve("ref.safetensors");
        SafeTensors.write(p, referenceTensors(), Map.of("format", "pt"));
        byte[] expected = referenceFile();
        assertEquals(8 + 368 + 56, expected.length);
        assertArrayEquals(expected, Files.readAllBytes(p));
    }

    @Test
    void readsTheReferenceFile() throws IOException {
        SafeTensorsFile f = SafeTensors.read(TestFiles.write(dir, "ref.safetensors", referenceFile()));
        assertEquals(Map.of("format", "pt"), f.metadata());
        assertEquals(List.of("d", "\u00e9\"\n", "c", "b", "e", "a"), List.copyOf(f.asMap().keySet()));
        assertEquals(referenceTensors(), f.asMap());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, f.get("b").floats());
        assertEquals(0, f.get("c").rank());
        assertEquals("b", f.tensors().get(3).name());
        assertTrue(f.contains("a"));
        assertFalse(f.find("zz").isPresent());
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> f.get("zz"));
        assertTrue(e.getMessage().contains("[d, "), e.getMessage());
        assertTrue(f.toString().contains("\n  b: F32[2, 3] [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]"), f.toString());
    }

    @Test
    void matchesTheReferenceForASingleTensorWithoutMetadata() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}";
        byte[] expected = new TestFiles.Bytes().i64(64).ascii(header).ascii("       ")
                .f32(0, 1, 2, 3, 4, 5).toArray();
        Path p = dir.resolve("w.safetensors");
        SafeTensors.write(p, Map.of("w", HostArray.ofFloats(new float[] {0, 1, 2, 3, 4, 5}, 2, 3)));
        assertArrayEquals(expected, Files.readAllBytes(p));
        SafeTensorsFile f = SafeTensors.read(TestFiles.write(dir, "h.safetensors", expected));
        assertTrue(f.metadata().isEmpty());
        assertEquals(HostArray.ofFloats(new float[] {0, 1, 2, 3, 4, 5}, 2, 3), f.get("w"));
    }

    @Test
    void emptyFilesAndEmptyMetadata() throws IOException {
        Path p = dir.resolve("e.safetensors");
        SafeTensors.write(p, Map.of());
        assertArrayEquals(new TestFiles.Bytes().i64(8).ascii("{}      ").toArray(), Files.readAllBytes(p));
        assertTrue(SafeTensors.read(p).tensors().isEmpty());
        SafeTensors.write(p, Map.of("w", HostArray.ofFloats(new float[] {0, 1}, 2)), Map.of());
        String header = "{\"__metadata__\":{},\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertArrayEquals(new TestFiles.Bytes().i64(72).ascii(header).f32(0, 1).toArray(), Files.readAllBytes(p));
    }

    @Test
    void roundTripsEveryDtypeAndShape() throws IOException {
        long[][] shapes = {{}, {0}, {1}, {5}, {2, 3}, {4, 0, 2}, {2, 3, 4}};
        Map<String, HostArray> tensors = new LinkedHashMap<>();
        for (int s = 0; s < shapes.length; s++) {
            int n = (int) Shapes.elementCount(shapes[s]);
            float[] f = new float[n];
            double[] d = new double[n];
            int[] i = new int[n];
            long[] l = new long[n];
            for (int k = 0; k < n; k++) {
                f[k] = -k / 3f;
                d[k] = Math.PI * k;
                i[k] = -k * 1000003;
                l[k] = Long.MIN_VALUE + k;
            }
            tensors.put("f32." + s, HostArray.ofFloats(f, shapes[s]));
            tensors.put("f64." + s, HostArray.ofDoubles(d, shapes[s]));
            tensors.put("i32." + s, HostArray.ofInts(i, shapes[s]));
            tensors.put("i64." + s, HostArray.ofLongs(l, shapes[s]));
        }
        Map<String, String> metadata = Map.of("z", "last", "a", "\u0000\"\\\t\uD83D\uDE00", "", "");
        Path p = dir.resolve("all.safetensors");
        SafeTensors.write(p, tensors, metadata);
        assertEquals(0, (Files.size(p) - 8) % 4);
        SafeTensorsFile f = SafeTensors.read(p);
        assertEquals(tensors, f.asMap());
        assertEquals(metadata, f.metadata());
        assertEquals(List.of("", "a", "z"), List.copyOf(f.metadata().keySet()));
    }

    @Test
    void largeTensorsAndAlignment() throws IOException {
        float[] big = new float[70_001];
        for (int k = 0; k < big.length; k++) {
            big[k] = k;
        }
        Map<String, HostArray> tensors = Map.of("big", HostArray.ofFloats(big, 70_001),
                "odd", HostArray.ofInts(new int[] {1}, 1), "wide", HostArray.ofDoubles(new double[] {2, 3}, 2));
        Path p = dir.resolve("big.safetensors");
        SafeTensors.write(p, tensors);
        assertEquals(tensors, SafeTensors.read(p).asMap());
        assertEquals(0, Files.readAllBytes(p)[0] % 8, "header length is a multiple of 8");
    }

    @Test
    void namesSortByCodePointLikeUtf8Bytes() throws IOException {
        String emoji = "\uD83D\uDE00";
        String privateUse = "\uE000";
        Path p = dir.resolve("u.safetensors");
        SafeTensors.write(p, Map.of(emoji, HostArray.ofFloats(new float[] {1}, 1),
                privateUse, HostArray.ofFloats(new float[] {2}, 1), "B", HostArray.ofFloats(new float[] {3}, 1)));
        assertEquals(List.of("B", privateUse, emoji), List.copyOf(SafeTensors.read(p).asMap().keySet()));
    }

    @Test
    void rejectsUnwritableInput() {
        Path p = dir.resolve("bad.safetensors");
        HostArray one = HostArray.ofFloats(new float[] {1}, 1);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(p, Map.of("__metadata__", one)));
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(p, Map.of("a\uD800", one)));
        assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(p, Map.of("a", one), Map.of("k", "\uDC00")));
        Map<String, HostArray> withNull = new HashMap<>();
        withNull.put("a", null);
        assertThrows(NullPointerException.class, () -> SafeTensors.write(p, withNull));
        assertFalse(Files.exists(p));
    }

    @Test
    void writesAtomicallyReplacingTheTarget() throws IOException {
        Path p = dir.resolve("t.safetensors");
        Files.writeString(p, "previous");
        SafeTensors.write(p, Map.of("x", HostArray.ofLongs(new long[] {4}, 1)));
        assertEquals(List.of(4L), List.of(SafeTensors.read(p).get("x").longs()[0]));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.collect(Collectors.toList()));
        }
    }
}
