package org.rnn4j.models;

import java.util.Objects;

import org.rnn4j.data.SequenceBatch;

/**
 * Sequences [T, N, F] with lengths and K target values per sequence.
 *
 * @param sequences the padded features
 * @param targets   [N, K] values, sequence-major
 */
public record RegressionBatch(SequenceBatch sequences, float[] targets) {

    public RegressionBatch {
        Objects.requireNonNull(sequences, "sequences");
        Objects.requireNonNull(targets, "targets");
        if (targets.length == 0 || targets.length % sequences.batch() != 0) {
            throw new IllegalArgumentException("targets must hold K >= 1 values per sequence, N = " + sequences.batch()
                    + ", got " + targets.length + " values");
        }
        targets = targets.clone();
    }

    /** K. */
    public int outputs() {
        return targets.length / sequences.batch();
    }

    @Override
    public float[] targets() {
        return targets.clone();
    }
}
