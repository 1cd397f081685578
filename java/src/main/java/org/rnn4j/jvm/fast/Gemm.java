package org.rnn4j.jvm.fast;

import java.util.Arrays;

/**
 * Single-threaded, cache-blocked float GEMM on row-split matrices ({@link Rows}).
 *
 * <p>Only {@code C += A·B} and {@code C += Aᵀ·B} exist: {@code A·Bᵀ} is done on a transposed copy of B
 * (the weights, transposed once per backward). B and C share the column range [from, to) so the inner
 * loop is {@code c[j] += a0·b0[j] + … + a3·b3[j]} over plain row arrays, which C2 vectorizes; A is read
 * one scalar at a time. C is blocked by {@value #NC} columns (two rows of C stay in L1) and the depth
 * by {@value #KC} rows (a {@value #KC}×{@value #NC} block of B, 512 KiB, stays in L2).
 *
 * <p>Measured against EJML 0.44's CommonOps_FDRM.multAdd (same shapes, same machine): ~57 GF/s here vs
 * ~6.6 GF/s for EJML, whose loops index two arrays at different offsets and so are not vectorized by
 * JDK 17 (see FastRnnTiming in the tests).
 */
final class Gemm {
    /** Columns of C and B per block. */
    static final int NC = 512;
    /** Depth (rows of B) per block. */
    static final int KC = 256;

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
        for (int jj = from; jj < to; jj += NC) {
            int je = Math.min(to, jj + NC);
            for (int kk = 0; kk < k; kk += KC) {
                int ke = Math.min(k, kk + KC);
                int i = 0;
                for (; i + 1 < m; i += 2) {
                    float[] a0 = a.rows[a.first + i];
                    float[] a1 = a.rows[a.first + i + 1];
                    float[] c0 = c.rows[c.first + i];
                    float[] c1 = c.rows[c.first + i + 1];
                    int p = kk;
                    for (; p + 3 < ke; p += 4) {
                        int q = a.col + p;
                        twoRows(c0, c1, b, p, a0[q], a0[q + 1], a0[q + 2], a0[q + 3],
                                a1[q], a1[q + 1], a1[q + 2], a1[q + 3], jj, je);
                    }
                    for (; p < ke; p++) {
                        float[] bp = b.rows[b.first + p];
                        axpy(c0, bp, a0[a.col + p], jj, je);
                        axpy(c1, bp, a1[a.col + p], jj, je);
                    }
                }
                for (; i < m; i++) {
                    float[] a0 = a.rows[a.first + i];
                    float[] c0 = c.rows[c.first + i];
                    int p = kk;
                    for (; p + 3 < ke; p += 4) {
                        int q = a.col + p;
                        oneRow(c0, b, p, a0[q], a0[q + 1], a0[q + 2], a0[q + 3], jj, je);
                    }
                    for (; p < ke; p++) {
                        axpy(c0, b.rows[b.first + p], a0[a.col + p], jj, je);
                    }
                }
            }
        }
    }

    /** C[i][from:to] += Σ_p A[p][i] · B[p][from:to], i &lt; m, p &lt; k (A is [k, m]). */
    static void multAddTransA(Rows a, Rows b, Rows c, int m, int k, int from, int to) {
        for (int jj = from; jj < to; jj += NC) {
            int je = Math.min(to, jj + NC);
            for (int kk = 0; kk < k; kk += KC) {
                int ke = Math.min(k, kk + KC);
                int i = 0;
                for (; i + 1 < m; i += 2) {
                    float[] c0 = c.rows[c.first + i];
                    float[] c1 = c.rows[c.first + i + 1];
                    int q = a.col + i;
                    int p = kk;
                    for (; p + 3 < ke; p += 4) {
                        float[] ap0 = a.rows[a.first + p];
                        float[] ap1 = a.rows[a.first + p + 1];
                        float[] ap2 = a.rows[a.first + p + 2];
                        float[] ap3 = a.rows[a.first + p + 3];
                        twoRows(c0, c1, b, p, ap0[q], ap1[q], ap2[q], ap3[q],
                                ap0[q + 1], ap1[q + 1], ap2[q + 1], ap3[q + 1], jj, je);
                    }
                    for (; p < ke; p++) {
                        float[] ap = a.rows[a.first + p];
                        float[] bp = b.rows[b.first + p];
                        axpy(c0, bp, ap[q], jj, je);
                        axpy(c1, bp, ap[q + 1], jj, je);
                    }
                }
                for (; i < m; i++) {
                    float[] c0 = c.rows[c.first + i];
                    int q = a.col + i;
                    for (int p = kk; p < ke; p++) {
                        axpy(c0, b.rows[b.first + p], a.rows[a.first + p][q], jj, je);
                    }
                }
            }
        }
    }

    /** c0 += x0..x3 · B[p..p+3], c1 += y0..y3 · B[p..p+3] on columns [from, to). */
    private static void twoRows(float[] c0, float[] c1, Rows b, int p, float x0, float x1, float x2, float x3,
            float y0, float y1, float y2, float y3, int from, int to) {
        float[] b0 = b.rows[b.first + p];
        float[] b1 = b.rows[b.first + p + 1];
        float[] b2 = b.rows[b.first + p + 2];
        float[] b3 = b.rows[b.first + p + 3];
        for (int j = from; j < to; j++) {
            float v0 = b0[j];
            float v1 = b1[j];
            float v2 = b2[j];
            float v3 = b3[j];
            c0[j] += x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
            c1[j] += y0 * v0 + y1 * v1 + y2 * v2 + y3 * v3;
        }
    }

    /** c0 += x0..x3 · B[p..p+3] on columns [from, to). */
    private static void oneRow(float[] c0, Rows b, int p, float x0, float x1, float x2, float x3, int from, int to) {
        float[] b0 = b.rows[b.first + p];
        float[] b1 = b.rows[b.first + p + 1];
        float[] b2 = b.rows[b.first + p + 2];
        float[] b3 = b.rows[b.first + p + 3];
        for (int j = from; j < to; j++) {
            c0[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
        }
    }

    private static void axpy(float[] c, float[] b, float x, int from, int to) {
        for (int j = from; j < to; j++) {
            c[j] += x * b[j];
        }
    }
}
