package org.rnn4j.io;

import org.rnn4j.tensor.DType;

import java.util.Arrays;

/** Shape arithmetic shared by {@link HostArray} and the file readers. */
final class Shapes {
    /** Largest element count a Java array can reliably hold. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private Shapes() {
    }

    /**
     * The number of elements of an array of this shape (1 for a scalar).
     *
     * @throws IllegalArgumentException if a dimension is negative or the product of the non-zero
     *                                  dimensions overflows a {@code long}
     */
    static long elementCount(long[] shape) {
        long product = 1;
        boolean empty = false;
        for (int i = 0; i < shape.length; i++) {
            long d = shape[i];
            if (d < 0) {
                throw new IllegalArgumentException("dimension " + i + " is negative in " + format(shape));
            }
            if (d == 0) {
                empty = true;
                continue;
            }
            try {
                product = Math.multiplyExact(product, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("product of dimensions overflows a long in " + format(shape), e);
            }
        }
        return empty ? 0 : product;
    }

    /** The byte length of {@code count} elements of {@code type}, or -1 if it overflows. */
    static long byteLength(long count, DType type) {
        return count > Long.MAX_VALUE / type.size() ? -1 : count * type.size();
    }

    /** Formats a shape as {@code [2, 3]}. */
    static String format(long[] shape) {
        return Arrays.toString(shape);
    }
}
