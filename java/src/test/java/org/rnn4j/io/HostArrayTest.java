package org.rnn4j.io;

import org.rnn4j.tensor.DType;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HostArrayTest {
    @Test
    void factoriesCheckTheShapeAgainstTheData() {
        assertEquals(6, HostArray.ofFloats(new float[6], 2, 3).size());
        assertEquals(1, HostArray.ofLongs(new long[] {7}).size());
        assertEquals(0, HostArray.ofInts(new int[0], 4, 0, 2).size());
        assertThrows(IllegalArgumentException.class, () -> HostArray.ofFloats(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> HostArray.ofFloats(new float[0]));
        assertThrows(IllegalArgumentException.class, () -> HostArray.ofDoubles(new double[0], -1));
        assertThrows(IllegalArgumentException.class,
                () -> HostArray.ofDoubles(new double[0], 0, Long.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void shapeAndDataAreCopiedInAndOut() {
        float[] data = {1, 2, 3};
        long[] shape = {3};
        HostArray a = HostArray.ofFloats(data, shape);
        data[0] = 9;
        shape[0] = 1;
        a.floats()[1] = 9;
        a.shape()[0] = 5;
        assertArrayEquals(new float[] {1, 2, 3}, a.floats());
        assertArrayEquals(new long[] {3}, a.shape());
        assertEquals(1, a.rank());
        assertEquals(3, a.dim(0));
    }

    @Test
    void typedAccessorsRequireTheMatchingDtype() {
        HostArray a = HostArray.ofInts(new int[] {1, -2}, 2);
        assertArrayEquals(new int[] {1, -2}, a.ints());
        assertThrows(IllegalStateException.class, a::floats);
        assertThrows(IllegalStateException.class, a::longs);
        assertThrows(IllegalStateException.class, a::doubles);
        assertArrayEquals(new double[] {0.5}, HostArray.ofDoubles(new double[] {0.5}).doubles());
    }

    @Test
    void conversionToFloat() {
        assertArrayEquals(new float[] {1.5f, -2f}, HostArray.ofDoubles(new double[] {1.5, -2}, 2).toFloats());
        assertArrayEquals(new float[] {3f, -4f}, HostArray.ofInts(new int[] {3, -4}, 2).toFloats());
        assertArrayEquals(new float[] {1L << 40}, HostArray.ofLongs(new long[] {1L << 40}, 1).toFloats());
        HostArray f = HostArray.ofFloats(new float[] {1}, 1);
        assertSame(f, f.toF32());
        HostArray converted = HostArray.ofDoubles(new double[] {0.25, 4}, 1, 2).toF32();
        assertEquals(DType.F32, converted.dtype());
        assertArrayEquals(new long[] {1, 2}, converted.shape());
        assertArrayEquals(new float[] {0.25f, 4f}, converted.floats());
    }

    @Test
    void equalityCoversDtypeShapeAndValues() {
        HostArray a = HostArray.ofFloats(new float[] {1, Float.NaN}, 2);
        assertEquals(a, HostArray.ofFloats(new float[] {1, Float.NaN}, 2));
        assertEquals(a.hashCode(), HostArray.ofFloats(new float[] {1, Float.NaN}, 2).hashCode());
        assertNotEquals(a, HostArray.ofFloats(new float[] {1, Float.NaN}, 1, 2));
        assertNotEquals(a, HostArray.ofFloats(new float[] {1, 2}, 2));
        assertNotEquals(HostArray.ofInts(new int[] {1}), HostArray.ofLongs(new long[] {1}));
    }

    @Test
    void toStringShowsDtypeShapeAndTheFirstValues() {
        assertEquals("F32[2, 3] [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]",
                HostArray.ofFloats(new float[] {0, 1, 2, 3, 4, 5}, 2, 3).toString());
        assertEquals("I64[10] [0, 1, 2, 3, 4, 5, ... (4 more)]",
                HostArray.ofLongs(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10).toString());
        assertEquals("I32[] [7]", HostArray.ofInts(new int[] {7}).toString());
        assertEquals("F64[0, 2] []", HostArray.ofDoubles(new double[0], 0, 2).toString());
        assertEquals("w: F32[1] [0.5]",
                new NamedTensor("w", HostArray.ofFloats(new float[] {0.5f}, 1)).toString());
    }

    @Test
    void dtypeNames() {
        for (DType t : DType.values()) {
            assertEquals(t, DType.fromSafetensorsName(t.safetensorsName()).orElseThrow());
            assertEquals(t, DType.fromNpyDescr(t.npyDescr()).orElseThrow());
        }
        assertEquals(4, DType.F32.size());
        assertEquals(8, DType.I64.size());
        assertEquals("<f4", DType.F32.npyDescr());
        assertEquals("I32", DType.I32.safetensorsName());
        assertEquals(java.util.Optional.empty(), DType.fromSafetensorsName("BF16"));
        assertEquals(java.util.Optional.empty(), DType.fromNpyDescr(">f4"));
    }
}
