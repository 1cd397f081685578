package org.rnn4j.backend.jvm;

import org.rnn4j.Checks;

/**
 * The f32 fully connected op of the JVM backend, on {@link Gemm}: y [M, O] = x [M, K] · Wᵀ + b [O] with
 * W [O, K] (PyTorch's {@code nn.Linear} layout), every matrix flat and row-major.
 */
public final class JvmLinear {
    private final int in;   // K
    private final int out;  // O

    /** A K → O op; both > 0. */
    public JvmLinear(int inFeatures, int outFeatures) {
        this.in = (int) Checks.positive("inFeatures", inFeatures);
        this.out = (int) Checks.positive("outFeatures", outFeatures);
    }

    /** y [M, O] from x [M, K], weights [O, K] and bias [O] (null = none). */
    public float[] forward(float[] x, float[] weights, float[] bias) {
        int rows = Checks.rows("x", x, in);
        Checks.length("weights", weights, (long) out * in);
        if (bias != null) {
            Checks.length("bias", bias, out);
        }
        float[][] y = Rows.zeros(rows, out);                                         // [M, O]
        if (bias != null) {
            for (float[] row : y) {
                System.arraycopy(bias, 0, row, 0, out);
            }
        }
        float[][] wT = Rows.transpose(Rows.split(weights, 0, out, in), in);          // [K, O]
        Gemm.multAdd(Rows.of(Rows.split(x, 0, rows, in), 0), Rows.of(wT, 0), Rows.of(y, 0), rows, in, 0, out);
        return flat(y, out);
    }

    /**
     * Returns dx [M, K] = dy · W and adds dW [O, K] += dyᵀ · x into {@code weightsGradient} and the column sums of
     * dy into {@code biasGradient} [O] (null = not wanted).
     */
    public float[] backward(float[] x, float[] weights, float[] outputGradient, float[] weightsGradient,
                            float[] biasGradient) {
        int rows = Checks.rows("x", x, in);
        Checks.length("weights", weights, (long) out * in);
        Checks.length("outputGradient", outputGradient, (long) rows * out);
        Checks.length("weightsGradient", weightsGradient, (long) out * in);
        float[][] dy = Rows.split(outputGradient, 0, rows, out);                     // [M, O]
        float[][] dx = Rows.zeros(rows, in);                                         // [M, K]
        Gemm.multAdd(Rows.of(dy, 0), Rows.of(Rows.split(weights, 0, out, in), 0), Rows.of(dx, 0), rows, out, 0, in);
        float[][] dw = Rows.split(weightsGradient, 0, out, in);                      // [O, K]
        Gemm.multAddTransA(Rows.of(dy, 0), Rows.of(Rows.split(x, 0, rows, in), 0), Rows.of(dw, 0), out, rows, 0, in);
        Rows.join(dw, weightsGradient, 0);
        if (biasGradient != null) {
            Checks.length("biasGradient", biasGradient, out);
            Rows.addColumnSums(Rows.of(dy, 0), rows, out, biasGradient, 0);
        }
        return flat(dx, in);
    }

    private static float[] flat(float[][] rows, int width) {
        float[] out = new float[rows.length * width];
        Rows.join(rows, out, 0);
        return out;
    }
}
