package org.rnn4j.backend.jvm;

/**
 * A view of a row-split matrix: element (i, j) is {@code rows[first + i][col + j]}. Every matrix of this
 * package is held as one {@code float[]} per row so that a view of a sub-range of rows, a gather in any
 * row order (packed sequences, reversed time) and the GEMM's inner loops (which the JIT vectorizes only
 * when every array is indexed by the same loop variable) need no copies.
 */
final class Rows {
    final float[][] rows;
    final int first;
    final int col;

    private Rows(float[][] rows, int first, int col) {
        this.rows = rows;
        this.first = first;
        this.col = col;
    }

    /** Rows {@code first, first + 1, …} of {@code rows}, from column 0. */
    static Rows of(float[][] rows, int first) {
        return new Rows(rows, first, 0);
    }

    /** Rows {@code first, first + 1, …} of {@code rows}, from column {@code col}. */
    static Rows of(float[][] rows, int first, int col) {
        return new Rows(rows, first, col);
    }

    /** {@code count} zero rows of {@code width} floats. */
    static float[][] zeros(int count, int width) {
        return new float[count][width];
    }

    /** Splits the row-major [count, width] matrix starting at {@code offset} of {@code flat} into rows. */
    static float[][] split(float[] flat, int offset, int count, int width) {
        float[][] out = new float[count][width];
        for (int r = 0; r < count; r++) {
            System.arraycopy(flat, offset + r * width, out[r], 0, width);
        }
        return out;
    }

    /** Writes {@code rows} [count, width] row-major into {@code flat} from {@code offset}. */
    static void join(float[][] rows, float[] flat, int offset) {
        int at = offset;
        for (float[] row : rows) {
            System.arraycopy(row, 0, flat, at, row.length);
            at += row.length;
        }
    }

    /** The transpose [width, count] of {@code rows} [count, width]. */
    static float[][] transpose(float[][] rows, int width) {
        float[][] out = new float[width][rows.length];
        for (int r = 0; r < rows.length; r++) {
            float[] row = rows[r];
            for (int c = 0; c < width; c++) {
                out[c][r] = row[c];
            }
        }
        return out;
    }

    /** {@code picked[r] = rows[index[r]]}: the same row arrays, in another order (no copy). */
    static float[][] gather(float[][] rows, int[] index) {
        float[][] out = new float[index.length][];
        for (int r = 0; r < index.length; r++) {
            out[r] = rows[index[r]];
        }
        return out;
    }

    /** Adds column sums of {@code count} rows of {@code from} (columns [col, col + width)) into {@code sums}. */
    static void addColumnSums(Rows from, int count, int width, float[] sums, int sumsOffset) {
        for (int r = 0; r < count; r++) {
            float[] row = from.rows[from.first + r];
            for (int c = 0; c < width; c++) {
                sums[sumsOffset + c] += row[from.col + c];
            }
        }
    }
}
