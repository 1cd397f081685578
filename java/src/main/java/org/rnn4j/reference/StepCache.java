package org.rnn4j.reference;

/**
 * What one cell step of one sequence saved for its backward. Cells never modify these arrays after
 * creating them; {@code hPrev}/{@code cPrev} are the previous step's {@code h}/{@code c}.
 */
final class StepCache {
    /** [Il] the layer input at this step. */
    final double[] x;
    /** [S] h_{t-1}. */
    final double[] hPrev;
    /** [H] c_{t-1}, LSTM only (else null). */
    final double[] cPrev;
    /** [G, H] the gate values after their activations (vanilla: the new state itself). */
    final double[] gates;
    /** [S] h_t. */
    final double[] h;
    /** [H] c_t, LSTM only (else null). */
    final double[] c;
    /**
     * [H] cell-specific intermediate: LSTM tanh(c_t); GRU r ⊙ h_{t-1}; LBR-GRU U_o h_{t-1} + b_u′;
     * vanilla null.
     */
    final double[] aux;

    StepCache(double[] x, double[] hPrev, double[] cPrev, double[] gates, double[] h, double[] c, double[] aux) {
        this.x = x;
        this.hPrev = hPrev;
        this.cPrev = cPrev;
        this.gates = gates;
        this.h = h;
        this.c = c;
        this.aux = aux;
    }
}
