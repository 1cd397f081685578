package org.rnn4j.tensor;

import java.util.Arrays;

/** Immutable tensor shape: non-negative dimensions, row-major. */
public final class Shape {
    private final long[] dims;
    private final long size;

    private Shape(long[] dims) {
        long s = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("shape dimension " + i + " must be >= 0, got " + Arrays.toString(dims));
            }
            if (dims[i] != 0 && s > Long.MAX_VALUE / dims[i]) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims)
                        + " has more elements than a long counts (the product of its dimensions overflows 2^63 - 1)");
            }
            s *= dims[i];
        }
        this.dims = dims;
        this.size = s;
    }

    public static Shape of(long... dims) {
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int axis) {
        return dims[axis];
    }

    /** Number of elements. */
    public long size() {
        return size;
    }

    public long[] dims() {
        return dims.clone();
    }

    /** Throws IllegalArgumentException naming {@code what} unless this shape equals {@code expected}. */
    public void check(String what, Shape expected) {
        if (!equals(expected)) {
            throw new IllegalArgumentException(what + " must have shape " + expected + ", got " + this);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
