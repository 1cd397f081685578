package org.rnn4j.reference;

/**
 * The result of {@link ReferenceRnn#backward}: gradients of sum(y·dY) + sum(hn·dHn) + sum(cn·dCn).
 * The arrays are returned as they are (no copies).
 */
public final class Gradients {
    private final double[] dx;
    private final double[] dh0;
    private final double[] dc0;
    private final RnnParams dParams;

    Gradients(double[] dx, double[] dh0, double[] dc0, RnnParams dParams) {
        this.dx = dx;
        this.dh0 = dh0;
        this.dc0 = dc0;
        this.dParams = dParams;
    }

    /** Gradient wrt the input [T, N, I]; exactly 0 at padded steps. */
    public double[] dx() {
        return dx;
    }

    /** Gradient wrt h0 [L, D, N, S] (also when the forward ran with h0 = null, i.e. zeros). */
    public double[] dh0() {
        return dh0;
    }

    /** Gradient wrt c0 [L, D, N, H] for LSTM, else null. */
    public double[] dc0() {
        return dc0;
    }

    /** Gradients wrt every weight, shaped like the weights. */
    public RnnParams dParams() {
        return dParams;
    }
}
