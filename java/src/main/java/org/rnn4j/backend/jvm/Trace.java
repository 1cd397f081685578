package org.rnn4j.backend.jvm;

import org.rnn4j.CellKind;
import org.rnn4j.RnnConfig;

/**
 * The activations one direction of one layer saves for its backward, all in packed rows (R = Σ lengths,
 * see {@link Packing}); state arrays hold the N initial states (sorted) first, then one row per packed row.
 */
final class Trace {
    /** [R][Il] the layer input of every packed row (the caller's row arrays, not copies). */
    final float[][] x;
    /** [R][G·H] W x + b after the input GEMM, then the gates after their activations. */
    final float[][] gates;
    /** [N + R][S] h0, then h_t. */
    final float[][] h;
    /** [N + R][H] c0, then c_t (LSTM; else null). */
    final float[][] c;
    /** [R][H] LSTM tanh(c_t); GRU r ⊙ h_{t−1}; LBR-GRU U_o h_{t−1} + b_u′; vanilla null. */
    final float[][] aux;
    /** [R][H] o ⊙ tanh(c_t) (LSTM with projection; else null). */
    final float[][] m;
    /** [N][3·H] U h_{t−1} of the current step (LBR-GRU; else null); not needed by backward. */
    final float[][] recurrent;

    Trace(RnnConfig config, Packing packing, float[][] x) {
        int rows = packing.rows();
        int batch = packing.batch();
        int hidden = config.hiddenSize();
        CellKind cell = config.cell();
        this.x = x;
        this.gates = Rows.zeros(rows, cell.gates() * hidden);
        this.h = Rows.zeros(batch + rows, config.stateSize());
        this.c = cell.isLstm() ? Rows.zeros(batch + rows, hidden) : null;
        boolean vanilla = cell.gates() == 1;
        this.aux = vanilla ? null : Rows.zeros(rows, hidden);
        this.m = config.hasProjection() ? Rows.zeros(rows, hidden) : null;
        this.recurrent = cell == CellKind.LBR_GRU ? Rows.zeros(batch, 3 * hidden) : null;
    }
}
