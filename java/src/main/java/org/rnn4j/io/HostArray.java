package org.rnn4j.io;

import org.rnn4j.tensor.DType;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable, dense, row-major (C order) array in host memory: a {@link DType}, a shape and the
 * elements in a Java primitive array of the matching type.
 *
 * <p>A shape of length 0 is a scalar holding one element; dimensions may be 0 (no elements).
 * Element counts are limited to what a Java array can hold (about 2<sup>31</sup>). The typed
 * accessors ({@link #floats()} and friends) return copies; {@link #toFloats()} converts from any
 * dtype.
 */
public final class HostArray {
    private static final int PREVIEW = 6;

    private final DType dtype;
    private final long[] shape;
    private final Object data;
    private final int size;

    /** Wraps {@code data} without copying; {@code data} must be the array type of {@code dtype}. */
    HostArray(DType dtype, long[] shape, Object data) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        this.data = data;
        this.size = Array.getLength(data);
        long expected = Shapes.elementCount(this.shape);
        if (expected != size) {
            throw new IllegalArgumentException("shape " + Shapes.format(shape) + " has " + expected
                    + " elements but " + size + " values were given");
        }
    }

    /** A {@link DType#F32} array; {@code data} is copied. An empty {@code shape} means a scalar. */
    public static HostArray ofFloats(float[] data, long... shape) {
        return new HostArray(DType.F32, shape, data.clone());
    }

    /** A {@link DType#F64} array; {@code data} is copied. An empty {@code shape} means a scalar. */
    public static HostArray ofDoubles(double[] data, long... shape) {
        return new HostArray(DType.F64, shape, data.clone());
    }

    /** A {@link DType#I32} array; {@code data} is copied. An empty {@code shape} means a scalar. */
    public static HostArray ofInts(int[] data, long... shape) {
        return new HostArray(DType.I32, shape, data.clone());
    }

    /** A {@link DType#I64} array; {@code data} is copied. An empty {@code shape} means a scalar. */
    public static HostArray ofLongs(long[] data, long... shape) {
        return new HostArray(DType.I64, shape, data.clone());
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape; empty for a scalar. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.length;
    }

    /** The extent of dimension {@code axis}. */
    public long dim(int axis) {
        return shape[axis];
    }

    /** Number of elements (the product of the shape, 1 for a scalar). */
    public int size() {
        return size;
    }

    /** A copy of the elements of an {@link DType#F32} array. */
    public float[] floats() {
        return ((float[]) typed(DType.F32)).clone();
    }

    /** A copy of the elements of an {@link DType#F64} array. */
    public double[] doubles() {
        return ((double[]) typed(DType.F64)).clone();
    }

    /** A copy of the elements of an {@link DType#I32} array. */
    public int[] ints() {
        return ((int[]) typed(DType.I32)).clone();
    }

    /** A copy of the elements of an {@link DType#I64} array. */
    public long[] longs() {
        return ((long[]) typed(DType.I64)).clone();
    }

    /** The elements converted to {@code float} (rounding F64, I32 and I64 values as Java casts do). */
    public float[] toFloats() {
        float[] out = new float[size];
        switch (dtype) {
            case F32 -> System.arraycopy(data, 0, out, 0, size);
            case F64 -> {
                double[] d = (double[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = (float) d[i];
                }
            }
            case I32 -> {
                int[] d = (int[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = d[i];
                }
            }
            case I64 -> {
                long[] d = (long[]) data;
                for (int i = 0; i < size; i++) {
                    out[i] = d[i];
                }
            }
            default -> throw new AssertionError(dtype);
        }
        return out;
    }

    /** This array as {@link DType#F32}: itself if already F32, else a converted copy. */
    public HostArray toF32() {
        return dtype == DType.F32 ? this : new HostArray(DType.F32, shape, toFloats());
    }

    /** The backing primitive array, not copied; for this package's writers only. */
    Object raw() {
        return data;
    }

    private Object typed(DType wanted) {
        if (dtype != wanted) {
            throw new IllegalStateException("array is " + dtype + ", not " + wanted);
        }
        return data;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HostArray other)) {
            return false;
        }
        return dtype == other.dtype && Arrays.equals(shape, other.shape)
                && Arrays.deepEquals(new Object[] {data}, new Object[] {other.data});
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape))
                + Arrays.deepHashCode(new Object[] {data});
    }

    /** E.g. {@code F32[2, 3] [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]}, the values cut after a few. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(dtype.name()).append(Shapes.format(shape)).append(" [");
        int shown = Math.min(size, PREVIEW);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(Array.get(data, i));
        }
        if (shown < size) {
            sb.append(", ... (").append(size - shown).append(" more)");
        }
        return sb.append(']').toString();
    }
}
