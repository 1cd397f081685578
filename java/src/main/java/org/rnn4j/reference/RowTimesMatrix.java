package org.rnn4j.reference;

/**
 * Row vector times matrix on a flat row-major matrix {@code w} of shape [x.length, cols], restricted to
 * the column range [from, to) (a subset of gate blocks of an {@code igo} weight).
 */
final class RowTimesMatrix {
    private RowTimesMatrix() {
    }

    /** z[c] += sum_k x[k] * w[k][c] for c in [from, to). */
    static void forward(double[] x, double[] w, int cols, int from, int to, double[] z) {
        for (int k = 0; k < x.length; k++) {
            double xk = x[k];
            int row = k * cols;
            for (int c = from; c < to; c++) {
                z[c] += xk * w[row + c];
            }
        }
    }

    /**
     * Backward of {@link #forward}: dx[k] += sum_c w[k][c] * dz[c] and dw[k][c] += x[k] * dz[c]
     * for c in [from, to).
     */
    static void backward(double[] x, double[] w, int cols, int from, int to, double[] dz, double[] dx, double[] dw) {
        for (int k = 0; k < x.length; k++) {
            double xk = x[k];
            int row = k * cols;
            double acc = 0;
            for (int c = from; c < to; c++) {
                acc += w[row + c] * dz[c];
                dw[row + c] += xk * dz[c];
            }
            dx[k] += acc;
        }
    }
}
