package org.rnn4j.backend.jvm;

import org.rnn4j.RnnConfig;

/**
 * One cell's step over the running prefix of the batch — the recurrent GEMM(s) and one fused pass over
 * the gates — and its backward. The input GEMM (W x + b for all steps) and its backward (dW_layer, dx)
 * are the caller's ({@link DirectionRun}); the equations are those of {@code org.rnn4j.reference}'s cells.
 */
interface CellKernel {
    /**
     * Step forward: reads {@code t.gates} (W x + b) and h_{t−1} (c_{t−1}), writes the activated gates over
     * them, h_t (c_t) and what backward needs.
     */
    void forward(WeightRows w, Trace t, Step s);

    /**
     * Step backward: reads {@code d.dHt} and {@code d.carryC} (dL/dc_t) of the running rows, writes
     * {@code d.dGates} (and {@code d.dRecurrent}), replaces {@code d.carryH}/{@code d.carryC} of those rows
     * by dL/dh_{t−1}/dL/dc_{t−1}, and accumulates what cannot wait (peephole) into {@code g}.
     */
    void backward(WeightRows w, Trace t, Deltas d, GradientRows g, Step s);

    /**
     * After every step: the recurrent weights' (and projection's, LBR-GRU's b_u′) gradients as GEMMs over
     * all packed rows.
     *
     * @param hPrev [R][S] h_{t−1} of every packed row
     */
    void weightGradients(WeightRows w, Trace t, Deltas d, GradientRows g, float[][] hPrev);

    static CellKernel of(RnnConfig config) {
        switch (config.cell()) {
            case RNN_TANH:
            case RNN_RELU:
            case RNN_SIGMOID:
                return new VanillaKernel(config.cell());
            case LSTM:
                return new LstmKernel();
            case GRU:
                return new GruKernel();
            case LBR_GRU:
                return new LbrGruKernel();
            default:
                throw new IllegalArgumentException("unsupported cell " + config.cell());
        }
    }
}
