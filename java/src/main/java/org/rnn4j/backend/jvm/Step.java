package org.rnn4j.backend.jvm;

/**
 * Where step k of one direction lives: packed rows {@code packed … packed + rows − 1} (see
 * {@link Packing}), and in the state arrays of a {@link Trace} ([N + R] rows: the N initial states, then
 * one per packed row) h_{t−1} from row {@code prev} and h_t from row {@code cur}.
 */
final class Step {
    /** Number of sequences still running (a prefix of the sorted batch). */
    final int rows;
    /** Packed row of the first running sequence. */
    final int packed;
    /** State row of h_{t−1} (and c_{t−1}) of the first running sequence. */
    final int prev;
    /** State row of h_t (and c_t) of the first running sequence. */
    final int cur;

    private Step(int rows, int packed, int prev, int cur) {
        this.rows = rows;
        this.packed = packed;
        this.prev = prev;
        this.cur = cur;
    }

    static Step of(Packing packing, int k) {
        int batch = packing.batch();
        int prev = k == 0 ? 0 : batch + packing.offset(k - 1);
        return new Step(packing.batchSize(k), packing.offset(k), prev, batch + packing.offset(k));
    }
}
