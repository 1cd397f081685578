package org.rnn4j.tensor;

import java.util.Objects;

/** Row-major copies between flat float arrays and {@code float[][]} / {@code float[][][]}, with shape checks. */
final class NestedArrays {
    private NestedArrays() {
    }

    static long[] dims(float[][] rows) {
        return new long[] {rows.length, rows.length == 0 ? 0 : rows[0].length};
    }

    static long[] dims(float[][][] blocks) {
        int d1 = blocks.length == 0 ? 0 : blocks[0].length;
        return new long[] {blocks.length, d1, d1 == 0 ? 0 : blocks[0][0].length};
    }

    /** a × b × c when one array holds that many floats, else an IllegalArgumentException naming {@code what}. */
    private static int length(String what, long a, long b, long c) {
        long n = a * b * c;  // each factor < 2^31: no overflow
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " hold " + a + " × " + b + " × " + c + " = " + n
                    + " floats, more than one Java array holds");
        }
        return (int) n;
    }

    /** The rows one after another; every row must be as long as rows[0]. */
    static float[] flatten(float[][] rows) {
        Objects.requireNonNull(rows, "rows");
        int columns = rows.length == 0 ? 0 : Objects.requireNonNull(rows[0], "rows[0]").length;
        float[] flat = new float[length("rows", rows.length, columns, 1)];
        for (int r = 0; r < rows.length; r++) {
            copyRow(rows[r], "rows[" + r + "]", columns, "rows[0]", flat, r * columns);
        }
        return flat;
    }

    /** The blocks one after another; every block must have blocks[0]'s shape. */
    static float[] flatten(float[][][] blocks) {
        Objects.requireNonNull(blocks, "blocks");
        int d1 = blocks.length == 0 ? 0 : Objects.requireNonNull(blocks[0], "blocks[0]").length;
        int d2 = d1 == 0 ? 0 : Objects.requireNonNull(blocks[0][0], "blocks[0][0]").length;
        float[] flat = new float[length("blocks", blocks.length, d1, d2)];
        int o = 0;
        for (int i = 0; i < blocks.length; i++) {
            float[][] block = Objects.requireNonNull(blocks[i], "blocks[" + i + "]");
            if (block.length != d1) {
                throw new IllegalArgumentException("blocks[" + i + "] must have " + d1 + " rows (as blocks[0]), got "
                        + block.length);
            }
            for (int j = 0; j < d1; j++) {
                copyRow(block[j], "blocks[" + i + "][" + j + "]", d2, "blocks[0][0]", flat, o);
                o += d2;
            }
        }
        return flat;
    }

    private static void copyRow(float[] row, String name, int length, String first, float[] into, int offset) {
        Objects.requireNonNull(row, name);
        if (row.length != length) {
            throw new IllegalArgumentException(name + " must have length " + length + " (as " + first + "), got "
                    + row.length);
        }
        System.arraycopy(row, 0, into, offset, length);
    }

    static float[][] rows(float[] flat, int rows, int columns) {
        float[][] out = new float[rows][columns];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * columns, out[r], 0, columns);
        }
        return out;
    }

    static float[][][] blocks(float[] flat, int d0, int d1, int d2) {
        float[][][] out = new float[d0][d1][d2];
        int o = 0;
        for (int i = 0; i < d0; i++) {
            for (int j = 0; j < d1; j++) {
                System.arraycopy(flat, o, out[i][j], 0, d2);
                o += d2;
            }
        }
        return out;
    }
}
