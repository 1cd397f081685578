package org.rnn4j.reference.ops;

/** Argument checks of the reference ops; messages name the argument, the expected and the actual value. */
final class Checks {
    private Checks() {
    }

    static void length(double[] array, String name, long expected) {
        if (array == null || array.length != expected) {
            throw new IllegalArgumentException(name + " must have length " + expected + ", got "
                    + (array == null ? "null" : array.length));
        }
    }

    static void nullOrLength(double[] array, String name, long expected) {
        if (array != null) {
            length(array, name, expected);
        }
    }

    /** Every {@code ids[i]} in [0, limit). */
    static void ids(long[] ids, String name, long limit, String limitName) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= limit) {
                throw new IllegalArgumentException(name + "[" + i + "] must be in [0, " + limitName + ") = [0, "
                        + limit + "), got " + ids[i]);
            }
        }
    }

    /** Rows of a flat [M, width] array. */
    static int rows(double[] array, String name, int width) {
        if (array == null || width <= 0 || array.length == 0 || array.length % width != 0) {
            throw new IllegalArgumentException(name + " must have a positive multiple of " + width + " elements, got "
                    + (array == null ? "null" : array.length));
        }
        return array.length / width;
    }

    /** Mask weight of row m (1 without a mask). */
    static double weight(double[] mask, int m) {
        return mask == null ? 1.0 : mask[m];
    }

    /** max(sum of the mask, 1), the loss normaliser (rows without a mask). */
    static double maskNormaliser(double[] mask, int rows) {
        double total = 0;
        for (int m = 0; m < rows; m++) {
            double w = weight(mask, m);
            if (!(Double.isFinite(w) && w >= 0)) {
                throw new IllegalArgumentException("mask[" + m + "] must be finite and >= 0, got " + w);
            }
            total += w;
        }
        return Math.max(total, 1.0);
    }
}
