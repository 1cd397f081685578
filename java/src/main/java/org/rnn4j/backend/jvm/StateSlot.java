package org.rnn4j.backend.jvm;

import org.rnn4j.RnnConfig;

/**
 * The (layer, direction) block of a pair of state arrays h [L, D, N, S] and c [L, D, N, H] (h0/c0,
 * hn/cn or their gradients), one row per sequence n. A null array reads as zeros and ignores writes.
 */
final class StateSlot {
    private final float[] h;
    private final float[] c;
    private final int hOffset;
    private final int cOffset;
    private final int state;
    private final int hidden;

    private StateSlot(RnnConfig config, float[] h, float[] c, int layer, int dir, int batch) {
        int block = (layer * config.directions() + dir) * batch;
        this.h = h;
        this.c = c;
        this.state = config.stateSize();
        this.hidden = config.hiddenSize();
        this.hOffset = block * state;
        this.cOffset = block * hidden;
    }

    static StateSlot of(RnnConfig config, float[] h, float[] c, int layer, int dir, int batch) {
        return new StateSlot(config, h, c, layer, dir, batch);
    }

    /** Copies sequence n's h into {@code row} [S] (leaves it as it is for a null array). */
    void readH(int n, float[] row) {
        if (h != null) {
            System.arraycopy(h, hOffset + n * state, row, 0, state);
        }
    }

    /** Copies sequence n's c into {@code row} [H] (leaves it as it is for a null array). */
    void readC(int n, float[] row) {
        if (c != null) {
            System.arraycopy(c, cOffset + n * hidden, row, 0, hidden);
        }
    }

    void writeH(int n, float[] row) {
        if (h != null) {
            System.arraycopy(row, 0, h, hOffset + n * state, state);
        }
    }

    void writeC(int n, float[] row) {
        if (c != null) {
            System.arraycopy(row, 0, c, cOffset + n * hidden, hidden);
        }
    }
}
