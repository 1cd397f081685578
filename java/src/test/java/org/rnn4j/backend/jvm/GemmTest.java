package org.rnn4j.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The blocked GEMM against a triple loop in double, on shapes around its block sizes and unroll factors. */
class GemmTest {

    @ParameterizedTest(name = "m={0} k={1} n={2} rows from {3}, columns [{4}, {5})")
    @CsvSource({"1, 1, 1, 0, 0, 1", "3, 5, 7, 1, 2, 7", "2, 4, 16, 0, 0, 16", "7, 259, 515, 2, 3, 514",
            "6, 513, 1030, 0, 0, 1030", "5, 3, 600, 1, 512, 600"})
    void multAddAndTransAMatchTripleLoops(int m, int k, int n, int first, int from, int to) {
        Random random = new Random(m * 31L + k);
        float[][] a = random(random, first + m, 2 + k);
        float[][] aT = random(random, first + k, 2 + m);
        float[][] b = random(random, first + k, n);
        float[][] c = random(random, first + m, n);
        float[][] cT = copy(c);
        double[][] expected = new double[m][n];
        double[][] expectedT = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                expected[i][j] = c[first + i][j];
                expectedT[i][j] = c[first + i][j];
                if (j < from || j >= to) {
                    continue;
                }
                for (int p = 0; p < k; p++) {
                    expected[i][j] += (double) a[first + i][2 + p] * b[first + p][j];
                    expectedT[i][j] += (double) aT[first + p][2 + i] * b[first + p][j];
                }
            }
        }
        Gemm.multAdd(Rows.of(a, first, 2), Rows.of(b, first), Rows.of(c, first), m, k, from, to);
        Gemm.multAddTransA(Rows.of(aT, first, 2), Rows.of(b, first), Rows.of(cT, first), m, k, from, to);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(expected[i][j], c[first + i][j], 1e-5 * (1 + Math.sqrt(k)), "C[" + i + "][" + j + "]");
                assertEquals(expectedT[i][j], cT[first + i][j], 1e-5 * (1 + Math.sqrt(k)), "C'[" + i + "][" + j + "]");
            }
        }
    }

    private static float[][] random(Random random, int rows, int cols) {
        float[][] a = new float[rows][cols];
        for (float[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) (2 * random.nextDouble() - 1);
            }
        }
        return a;
    }

    private static float[][] copy(float[][] a) {
        float[][] out = new float[a.length][];
        for (int r = 0; r < a.length; r++) {
            out[r] = a[r].clone();
        }
        return out;
    }
}
