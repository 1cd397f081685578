package org.rnn4j.reference.ops;

import java.util.Arrays;

import org.rnn4j.Checks;
import org.rnn4j.rnn.GradientMode;

/** Reference fully connected layer y [M, O] = x [M, K] · wᵀ + b [O] with w [O, K] (PyTorch's layout), in double. */
public final class ReferenceLinear {
    private final int in;   // K
    private final int out;  // O

    public ReferenceLinear(int inFeatures, int outFeatures) {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("features must be > 0, got in " + inFeatures + ", out " + outFeatures);
        }
        this.in = inFeatures;
        this.out = outFeatures;
    }

    /** y [M, O] from x [M, K], w [O, K] and b [O] (null = no bias). */
    public double[] forward(double[] x, double[] w, double[] b) {
        int rows = Checks.rows("x", x, in);
        Checks.length("w", w, (long) in * out);
        Checks.nullOrLength("b", b, out);
        double[] y = new double[rows * out];
        for (int m = 0; m < rows; m++) {
            for (int o = 0; o < out; o++) {
                double sum = b == null ? 0 : b[o];
                for (int k = 0; k < in; k++) {
                    sum += x[m * in + k] * w[o * in + k];
                }
                y[m * out + o] = sum;
            }
        }
        return y;
    }

    /**
     * Returns dx [M, K] = dy · w and writes dw [O, K] = dyᵀ · x and db [O] = column sums of dy
     * (db null = not wanted), replacing or adding to their contents as {@code mode} says.
     */
    public double[] backward(double[] x, double[] w, double[] dy, double[] dw, double[] db, GradientMode mode) {
        int rows = Checks.rows("x", x, in);
        Checks.length("w", w, (long) in * out);
        Checks.length("dy", dy, (long) rows * out);
        Checks.length("dw", dw, (long) in * out);
        Checks.nullOrLength("db", db, out);
        if (mode == GradientMode.OVERWRITE) {
            Arrays.fill(dw, 0);
            if (db != null) {
                Arrays.fill(db, 0);
            }
        }
        double[] dx = new double[rows * in];
        for (int m = 0; m < rows; m++) {
            for (int o = 0; o < out; o++) {
                double g = dy[m * out + o];
                for (int k = 0; k < in; k++) {
                    dx[m * in + k] += g * w[o * in + k];
                    dw[o * in + k] += x[m * in + k] * g;
                }
                if (db != null) {
                    db[o] += g;
                }
            }
        }
        return dx;
    }
}
