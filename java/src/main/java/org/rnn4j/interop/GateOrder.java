package org.rnn4j.interop;

import org.rnn4j.CellKind;

/**
 * For every rnn4j cell, how PyTorch-style gate blocks (the rows of {@code weight_ih}, {@code weight_hh},
 * {@code bias_ih}, {@code bias_hh}, in blocks of H) map onto oneDNN's gates: the one table both the
 * layer's parameters and the PyTorch interchange read.
 * <pre>
 *   cell          rows (PyTorch order)   oneDNN weight gates       oneDNN bias gates (bias_ih / bias_hh)
 *   LSTM          i, f, g, o             i, f, c̃(=g), o            each gate = b_ih + b_hh
 *   LBR_GRU       r, z, n                u(=z), r, o(=n)           u = b_iz + b_hz, r = b_ir + b_hr,
 *                                                                  o = b_in, u′ = b_hn
 *   GRU           r, z, n                u(=z), r, o(=n)           each gate = b_ih + b_hh (classic GRU)
 *   RNN_*         one block              one gate                  b_ih + b_hh
 * </pre>
 *
 * @param torchGateOf    for each oneDNN weight gate g, the PyTorch row block holding it
 * @param inputBiasGate  for each PyTorch block of {@code bias_ih}, the oneDNN bias gate it adds to
 * @param hiddenBiasGate for each PyTorch block of {@code bias_hh}, the oneDNN bias gate it adds to
 */
record GateOrder(int[] torchGateOf, int[] inputBiasGate, int[] hiddenBiasGate) {
    private static final int[] ONE = {0};
    private static final int[] LSTM = {0, 1, 2, 3};
    private static final int[] GRU = {1, 0, 2};
    private static final int[] LBR_GRU_HIDDEN_BIAS = {1, 0, 3};

    /** The order of {@code cell}. */
    static GateOrder of(CellKind cell) {
        return switch (cell) {
            case RNN_TANH, RNN_RELU, RNN_SIGMOID -> new GateOrder(ONE, ONE, ONE);
            case LSTM -> new GateOrder(LSTM, LSTM, LSTM);
            case GRU -> new GateOrder(GRU, GRU, GRU);
            case LBR_GRU -> new GateOrder(GRU, GRU, LBR_GRU_HIDDEN_BIAS);
        };
    }

    /** Number of gate blocks G. */
    int gates() {
        return torchGateOf.length;
    }

    @Override
    public int[] torchGateOf() {
        return torchGateOf.clone();
    }

    /** Whether {@code bias_ih} and {@code bias_hh} block {@code torchGate} add to the same oneDNN gate. */
    boolean sharedBias(int torchGate) {
        return inputBiasGate[torchGate] == hiddenBiasGate[torchGate];
    }

    int inputBiasGate(int torchGate) {
        return inputBiasGate[torchGate];
    }

    int hiddenBiasGate(int torchGate) {
        return hiddenBiasGate[torchGate];
    }
}
