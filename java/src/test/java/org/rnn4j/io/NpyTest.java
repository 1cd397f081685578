package org.rnn4j.io;

import org.rnn4j.tensor.DType;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    private static final String F32_2X3 = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";

    @TempDir
    Path dir;

    private HostArray roundTrip(HostArray a) throws IOException {
        Path p = dir.resolve("a.npy");
        Npy.write(p, a);
        HostArray back = Npy.read(p);
        assertEquals(a, back);
        assertEquals(0, Files.size(p) - (long) a.size() * a.dtype().size() & 63, "header aligned to 64");
        return back;
    }

    @Test
    void roundTripsEveryDtypeAndShape() throws IOException {
        long[][] shapes = {{}, {0}, {1}, {7}, {2, 3}, {2, 0, 3}, {3, 4, 5}, {2, 1, 3, 1}};
        for (long[] shape : shapes) {
            int n = (int) Shapes.elementCount(shape);
            float[] f = new float[n];
            double[] d = new double[n];
            int[] i32 = new int[n];
            long[] i64 = new long[n];
            for (int k = 0; k < n; k++) {
                f[k] = k * 0.5f - 3;
                d[k] = k * 1e-300 - 1e300;
                i32[k] = Integer.MIN_VALUE + 12345 * k;
                i64[k] = Long.MAX_VALUE - 987654321L * k;
            }
            roundTrip(HostArray.ofFloats(f, shape));
            roundTrip(HostArray.ofDoubles(d, shape));
            roundTrip(HostArray.ofInts(i32, shape));
            roundTrip(HostArray.ofLongs(i64, shape));
        }
    }

    @Test
    void roundTripsSpecialFloatsBitExactly() throws IOException {
        float[] f = {Float.NaN, Float.intBitsToFloat(0x7fc00001), -0f, Float.MIN_VALUE, Float.POSITIVE_INFINITY};
        Path p = dir.resolve("s.npy");
        Npy.write(p, f, 5);
        float[] back = Npy.read(p).floats();
        for (int k = 0; k < f.length; k++) {
            assertEquals(Float.floatToRawIntBits(f[k]), Float.floatToRawIntBits(back[k]));
        }
    }

    @Test
    void roundTripsMoreThanOneChunk() throws IOException {
        float[] f = new float[100_003];
        for (int k = 0; k < f.length; k++) {
            f[k] = k;
        }
        Path p = dir.resolve("big.npy");
        Npy.write(p, f, 100_003);
        assertArrayEquals(f, Npy.read(p).floats());
    }

    @Test
    void matchesNumpyBytesForFloat32Matrix() throws IOException {
        byte[] numpy = TestFiles.npy(F32_2X3, 128, new TestFiles.Bytes().f32(0, 1, 2, 3, 4, 5).toArray());
        assertEquals(128 + 24, numpy.length);
        assertEquals(0x76, numpy[8]);
        Path p = dir.resolve("m.npy");
        Npy.write(p, new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
        assertArrayEquals(numpy, Files.readAllBytes(p));
        HostArray a = Npy.read(TestFiles.write(dir, "n.npy", numpy));
        assertEquals(DType.F32, a.dtype());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, a.floats());
    }

    @Test
    void matchesNumpyBytesForOtherDtypesAndShapes() throws IOException {
        String dict = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }";
        assertWritesExactly(TestFiles.npy(String.format(dict, "<f4", "()"), 128,
                new TestFiles.Bytes().f32(2.5f).toArray()), HostArray.ofFloats(new float[] {2.5f}));
        assertWritesExactly(TestFiles.npy(String.format(dict, "<i8", "(5,)"), 128,
                new TestFiles.Bytes().i64(0, 1, 2, 3, 4).toArray()), HostArray.ofLongs(new long[] {0, 1, 2, 3, 4}, 5));
        assertWritesExactly(TestFiles.npy(String.format(dict, "<f8", "(0, 3)"), 128, new byte[0]),
                HostArray.ofDoubles(new double[0], 0, 3));
        assertWritesExactly(TestFiles.npy(String.format(dict, "<i4", "(2, 1, 2)"), 128,
                new TestFiles.Bytes().i32(-1, 2, -3, 4).toArray()),
                HostArray.ofInts(new int[] {-1, 2, -3, 4}, 2, 1, 2));
        assertWritesExactly(TestFiles.npy(String.format(dict, "<f4", "(12345678901, 0)"), 128, new byte[0]),
                HostArray.ofFloats(new float[0], 12345678901L, 0));
    }

    @Test
    void includesNumpysGrowthAxisPadding() throws IOException {
        String ones = Stream.generate(() -> "1").limit(16).collect(Collectors.joining(", ", "(", ")"));
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + ones + ", }";
        long[] shape = new long[16];
        java.util.Arrays.fill(shape, 1);
        assertWritesExactly(TestFiles.npy(dict, 192, new TestFiles.Bytes().f32(2.5f).toArray()),
                HostArray.ofFloats(new float[] {2.5f}, shape));
    }

    private void assertWritesExactly(byte[] expected, HostArray a) throws IOException {
        Path p = dir.resolve("x.npy");
        Npy.write(p, a);
        assertArrayEquals(expected, Files.readAllBytes(p), a.toString());
        assertEquals(a, Npy.read(TestFiles.write(dir, "y.npy", expected)));
    }

    @Test
    void readsVersions2And3() throws IOException {
        for (int major : new int[] {2, 3}) {
            String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }";
            TestFiles.Bytes b = new TestFiles.Bytes().raw(0x93).ascii("NUMPY").raw(major, 0).u32(116).ascii(dict);
            for (int k = 12 + dict.length(); k < 127; k++) {
                b.raw(' ');
            }
            byte[] file = b.raw('\n').f32(0, 1, 2).toArray();
            assertEquals(HostArray.ofFloats(new float[] {0, 1, 2}, 3), Npy.read(TestFiles.write(dir, "v.npy", file)));
        }
    }

    @Test
    void readsOldStyleAndReorderedHeaders() throws IOException {
        String[] dicts = {
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2,)}",
            "{\"shape\": (2, ), 'fortran_order': False, 'descr': \"<f8\"}",
            "{'descr':'<f8','fortran_order':False,'shape':(2,),}",
        };
        for (String d : dicts) {
            byte[] file = TestFiles.npy(d, 80, new TestFiles.Bytes().f64(0.5, -1).toArray());
            HostArray a = Npy.read(TestFiles.write(dir, "o.npy", file));
            assertEquals(HostArray.ofDoubles(new double[] {0.5, -1}, 2), a, d);
            assertArrayEquals(new float[] {0.5f, -1f}, a.toF32().floats());
        }
    }

    @Test
    void acceptsFortranOrderWhenTheLayoutIsTheSame() throws IOException {
        for (String shape : List.of("(3,)", "(1, 3)", "(3, 1, 1)", "(0, 2, 2)")) {
            String d = "{'descr': '<i4', 'fortran_order': True, 'shape': " + shape + ", }";
            int n = shape.startsWith("(0") ? 0 : 3;
            byte[] file = TestFiles.npy(d, 128, new TestFiles.Bytes().i32(new int[n]).toArray());
            assertEquals(n, Npy.read(TestFiles.write(dir, "f.npy", file)).size());
        }
    }

    @Test
    void convenienceWritersUseTheirDtype() throws IOException {
        Path p = dir.resolve("c.npy");
        Npy.write(p, new long[] {1, 2}, 2);
        assertEquals(DType.I64, Npy.read(p).dtype());
        Npy.write(p, new int[] {1, 2}, 1, 2);
        assertEquals(DType.I32, Npy.read(p).dtype());
        Npy.write(p, new double[] {1});
        assertEquals(DType.F64, Npy.read(p).dtype());
        assertEquals(0, Npy.read(p).rank());
        assertThrows(IllegalArgumentException.class, () -> Npy.write(p, new float[] {1, 2}, 3));
    }

    @Test
    void writesAtomically() throws IOException {
        Path p = dir.resolve("atomic.npy");
        Files.writeString(p, "old content");
        Npy.write(p, new float[] {1}, 1);
        assertEquals(HostArray.ofFloats(new float[] {1}, 1), Npy.read(p));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.collect(Collectors.toList()));
        }
        assertThrows(IllegalArgumentException.class, () -> Npy.write(p, new float[] {1}, 2));
        assertEquals(HostArray.ofFloats(new float[] {1}, 1), Npy.read(p));
    }
}
