package org.rnn4j;

/**
 * The recurrent cells rnn4j runs, named and ordered as in oneDNN.
 *
 * <p>Gate order inside every weight and bias tensor (the "g" axis of {@code ldigo}/{@code ldgo}):
 * <ul>
 *   <li>{@link #LSTM}: i, f, c̃ (candidate, PyTorch's "g"), o — the same order as PyTorch.</li>
 *   <li>{@link #GRU} and {@link #LBR_GRU}: u (update, PyTorch's "z"), r (reset), o (candidate,
 *       PyTorch's "n"). PyTorch stores r, z, n: see {@link org.rnn4j.interop.TorchCell} for the mapping.</li>
 *   <li>{@link #LBR_GRU} bias has a fourth gate u′: the recurrent bias of the candidate
 *       (PyTorch's {@code b_hn}), added before the reset product.</li>
 *   <li>LSTM peephole weights: i, f, o.</li>
 * </ul>
 */
public enum CellKind {
    /** h' = tanh(W x + U h + b). */
    RNN_TANH(1, 1, 1),
    /** h' = relu(W x + U h + b). */
    RNN_RELU(1, 1, 1),
    /** h' = sigmoid(W x + U h + b). */
    RNN_SIGMOID(1, 1, 1),
    /** Long short-term memory; optional peephole and projection. */
    LSTM(4, 4, 2),
    /** Classic GRU: the reset gate multiplies h before the recurrent matmul of the candidate. */
    GRU(3, 3, 1),
    /** Linear-before-reset GRU (PyTorch's and Keras's default): r ⊙ (U_n h + b_hn). */
    LBR_GRU(3, 4, 1);

    private final int gates;
    private final int biasGates;
    private final int states;

    CellKind(int gates, int biasGates, int states) {
        this.gates = gates;
        this.biasGates = biasGates;
        this.states = states;
    }

    /** Number of gate blocks in the layer and iteration weights (the "g" of {@code ldigo}). */
    public int gates() {
        return gates;
    }

    /** Number of gate blocks in the bias (the "g" of {@code ldgo}); 4 for LBR-GRU. */
    public int biasGates() {
        return biasGates;
    }

    /** Number of recurrent states: 2 (h and c) for LSTM, 1 otherwise. */
    public int states() {
        return states;
    }

    public boolean isLstm() {
        return this == LSTM;
    }
}
