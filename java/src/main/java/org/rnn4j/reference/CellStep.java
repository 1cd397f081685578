package org.rnn4j.reference;

import org.rnn4j.RnnConfig;

/** The math of one time step of one cell for one sequence: forward and its backward. */
interface CellStep {
    /**
     * @param x     [Il] layer input at this step
     * @param hPrev [S] h_{t-1}
     * @param cPrev [H] c_{t-1} for LSTM, else null
     * @return h_t, c_t and what {@link #backward} needs
     */
    StepCache forward(DirectionWeights w, double[] x, double[] hPrev, double[] cPrev);

    /**
     * Back-propagates through the step saved in {@code s}. Every output is accumulated ({@code +=}).
     *
     * @param dHt    [S] gradient wrt h_t (from the output and from step t+1)
     * @param dCt    [H] gradient wrt c_t for LSTM, else null
     * @param dW     gradients of this direction's weights
     * @param dx     [Il] gradient wrt x
     * @param dHPrev [S] gradient wrt h_{t-1}
     * @param dCPrev [H] gradient wrt c_{t-1} for LSTM, else null
     */
    void backward(DirectionWeights w, StepCache s, double[] dHt, double[] dCt, DirectionWeights dW, double[] dx,
            double[] dHPrev, double[] dCPrev);

    static CellStep of(RnnConfig config) {
        switch (config.cell()) {
            case RNN_TANH:
            case RNN_RELU:
            case RNN_SIGMOID:
                return new VanillaCell(config.cell());
            case LSTM:
                return new LstmCell();
            case GRU:
                return new GruCell();
            case LBR_GRU:
                return new LbrGruCell();
            default:
                throw new IllegalArgumentException("unsupported cell " + config.cell());
        }
    }
}
