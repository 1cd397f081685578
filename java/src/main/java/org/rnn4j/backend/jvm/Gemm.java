package org.rnn4j.backend.jvm;

import java.util.Arrays;

/**
 * Cache-blocked f32 GEMM on row-split matrices ({@link Rows}), split by columns of C across
 * {@link GemmThreads} when the product is large enough.
 *
 * <p>Only {@code C += A·B} and {@code C += Aᵀ·B} exist: {@code A·Bᵀ} runs on a transposed copy of B
 * (the weights, transposed once per backward). B and C share the column range [from, to). Per block of
 * {@value #KC} rows × {@value #NC} columns of B (512 KiB, kept in L2) the block is copied into 0-based
 * panel rows, and two rows of C at a time into 0-based accumulators (kept in L1); the inner loop is then
 * {@code acc[j] += a0·b0[j] + … + a3·b3[j]} with every array indexed by the same 0-based variable, the form
 * JDK 17's C2 vectorizes (see {@link Workspace} for the other condition). Indexing the matrices in place
 * ran ~5× slower (not vectorized), and so does EJML 0.44's {@code CommonOps_FDRM.multAdd}
 * (FastRnnTiming in the tests compares them).
 */
final class Gemm {
    /** Columns of C and B per block. */
    static final int NC = 512;
    /** Depth (rows of B) per block. */
    static final int KC = 256;

    /** How A is stored. */
    private enum Layout {
        /** A(i, p) = a[i][p]. */
        PLAIN,
        /** A(i, p) = a[p][i]. */
        TRANSPOSED;

        float at(Rows a, int i, int p) {
            return this == PLAIN ? a.rows[a.first + i][a.col + p] : a.rows[a.first + p][a.col + i];
        }
    }

    /**
     * The packed block of B and two accumulator rows of C, allocated afresh by every call: C2 vectorizes
     * the kernels only when it can tell these arrays apart, which it does for arrays allocated in the
     * compiled call and not for ones kept across calls (a thread-local workspace measured ~5× slower).
     */
    private static final class Workspace {
        final float[][] panel;
        final float[] acc0;
        final float[] acc1;

        Workspace(int depth, int width) {
            this.panel = new float[depth][width];
            this.acc0 = new float[width];
            this.acc1 = new float[width];
        }
    }

    private Gemm() {
    }

    /** C[i][from:to] = 0 for i &lt; m. */
    static void clear(Rows c, int m, int from, int to) {
        for (int i = 0; i < m; i++) {
            Arrays.fill(c.rows[c.first + i], from, to, 0f);
        }
    }

    /** C[i][from:to] += Σ_p A[i][p] · B[p][from:to], i &lt; m, p &lt; k. */
    static void multAdd(Rows a, Rows b, Rows c, int m, int k, int from, int to) {
        run(Layout.PLAIN, a, b, c, m, k, from, to);
    }

    /** C[i][from:to] += Σ_p A[p][i] · B[p][from:to], i &lt; m, p &lt; k (A is [k, m]). */
    static void multAddTransA(Rows a, Rows b, Rows c, int m, int k, int from, int to) {
        run(Layout.TRANSPOSED, a, b, c, m, k, from, to);
    }

    private static void run(Layout layout, Rows a, Rows b, Rows c, int m, int k, int from, int to) {
        GemmThreads.split((long) m * k * (to - from), from, to, (f, t) -> runSlice(layout, a, b, c, m, k, f, t));
    }

    private static void runSlice(Layout layout, Rows a, Rows b, Rows c, int m, int k, int from, int to) {
        Workspace w = new Workspace(Math.min(KC, k), Math.min(NC, to - from));
        float[][] panel = w.panel;
        for (int jj = from; jj < to; jj += NC) {
            int nc = Math.min(NC, to - jj);
            for (int kk = 0; kk < k; kk += KC) {
                int kc = Math.min(KC, k - kk);
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b.rows[b.first + kk + p], jj, panel[p], 0, nc);
                }
                int i = 0;
                for (; i + 1 < m; i += 2) {
                    float[] c0 = c.rows[c.first + i];
                    float[] c1 = c.rows[c.first + i + 1];
                    System.arraycopy(c0, jj, w.acc0, 0, nc);
                    System.arraycopy(c1, jj, w.acc1, 0, nc);
                    int p = 0;
                    for (; p + 3 < kc; p += 4) {
                        int q = kk + p;
                        twoRows(w.acc0, w.acc1, panel[p], panel[p + 1], panel[p + 2], panel[p + 3],
                                layout.at(a, i, q), layout.at(a, i, q + 1), layout.at(a, i, q + 2), layout.at(a, i, q + 3),
                                layout.at(a, i + 1, q), layout.at(a, i + 1, q + 1), layout.at(a, i + 1, q + 2),
                                layout.at(a, i + 1, q + 3), nc);
                    }
                    for (; p < kc; p++) {
                        axpy(w.acc0, panel[p], layout.at(a, i, kk + p), nc);
                        axpy(w.acc1, panel[p], layout.at(a, i + 1, kk + p), nc);
                    }
                    System.arraycopy(w.acc0, 0, c0, jj, nc);
                    System.arraycopy(w.acc1, 0, c1, jj, nc);
                }
                if (i < m) {
                    float[] c0 = c.rows[c.first + i];
                    System.arraycopy(c0, jj, w.acc0, 0, nc);
                    for (int p = 0; p < kc; p++) {
                        axpy(w.acc0, panel[p], layout.at(a, i, kk + p), nc);
                    }
                    System.arraycopy(w.acc0, 0, c0, jj, nc);
                }
            }
        }
    }

    /** c0 += x0..x3 · b0..b3, c1 += y0..y3 · b0..b3 on [0, n). */
    private static void twoRows(float[] c0, float[] c1, float[] b0, float[] b1, float[] b2, float[] b3, float x0,
            float x1, float x2, float x3, float y0, float y1, float y2, float y3, int n) {
        for (int j = 0; j < n; j++) {
            float v0 = b0[j];
            float v1 = b1[j];
            float v2 = b2[j];
            float v3 = b3[j];
            c0[j] += x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
            c1[j] += y0 * v0 + y1 * v1 + y2 * v2 + y3 * v3;
        }
    }

    /** c += x · b on [0, n). */
    private static void axpy(float[] c, float[] b, float x, int n) {
        for (int j = 0; j < n; j++) {
            c[j] += x * b[j];
        }
    }
}
