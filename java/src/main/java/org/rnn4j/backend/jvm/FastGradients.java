package org.rnn4j.backend.jvm;

/**
 * The result of {@link FastRnn#backward}: gradients of sum(y·dY) + sum(hn·dHn) + sum(cn·dCn). Arrays are
 * returned as they are.
 */
public final class FastGradients {
    private final float[] dx;
    private final float[] dh0;
    private final float[] dc0;
    private final FloatParams dParams;

    FastGradients(float[] dx, float[] dh0, float[] dc0, FloatParams dParams) {
        this.dx = dx;
        this.dh0 = dh0;
        this.dc0 = dc0;
        this.dParams = dParams;
    }

    /** Gradient wrt the input [T, N, I]; exactly 0 at padded steps. */
    public float[] dx() {
        return dx;
    }

    /** Gradient wrt h0 [L, D, N, S] (also when the forward ran with h0 = null, i.e. zeros). */
    public float[] dh0() {
        return dh0;
    }

    /** Gradient wrt c0 [L, D, N, H] for LSTM, else null. */
    public float[] dc0() {
        return dc0;
    }

    /** Gradients wrt every weight, shaped like the weights. */
    public FloatParams dParams() {
        return dParams;
    }
}
