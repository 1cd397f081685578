package org.rnn4j.backend.jvm;

import org.rnn4j.CellKind;
import org.rnn4j.RnnConfig;

/** The work arrays of one direction's backward. */
final class Deltas {
    /** [R][S] dL/dh_t of every packed row: from the output and from step t + 1 (or dHn). */
    final float[][] dHt;
    /** [R][G·H] dL/d(pre-activation) of every gate; for LBR-GRU the W x side. */
    final float[][] dGates;
    /** [R][3·H] LBR-GRU: dL/d(U h_{t−1} + b) per gate block (else null). */
    final float[][] dRecurrent;
    /** [N][S] dL/dh of the step being back-propagated into, sorted batch; starts as dHn. */
    final float[][] carryH;
    /** [N][H] dL/dc likewise (LSTM; else null); starts as dCn. */
    final float[][] carryC;
    /** [N][H] LSTM with projection: dL/dm; GRU: dL/d(r ⊙ h_{t−1}); else null. */
    final float[][] scratch;

    Deltas(RnnConfig config, Packing packing) {
        int rows = packing.rows();
        int batch = packing.batch();
        int hidden = config.hiddenSize();
        CellKind cell = config.cell();
        this.dHt = Rows.zeros(rows, config.stateSize());
        this.dGates = Rows.zeros(rows, cell.gates() * hidden);
        this.dRecurrent = cell == CellKind.LBR_GRU ? Rows.zeros(rows, 3 * hidden) : null;
        this.carryH = Rows.zeros(batch, config.stateSize());
        this.carryC = cell.isLstm() ? Rows.zeros(batch, hidden) : null;
        this.scratch = config.hasProjection() || cell == CellKind.GRU ? Rows.zeros(batch, hidden) : null;
    }
}
