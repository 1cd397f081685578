package org.rnn4j.models;

import java.util.Objects;

import org.rnn4j.data.SequenceBatch;

/**
 * Sequences [T, N, F] with lengths and one class per sequence.
 *
 * @param sequences the padded features
 * @param labels    one class id per sequence [N]
 */
public record ClassificationBatch(SequenceBatch sequences, long[] labels) {

    public ClassificationBatch {
        Objects.requireNonNull(sequences, "sequences");
        Objects.requireNonNull(labels, "labels");
        if (labels.length != sequences.batch()) {
            throw new IllegalArgumentException("labels must have one entry per sequence, N = " + sequences.batch()
                    + ", got " + labels.length);
        }
        labels = labels.clone();
    }

    @Override
    public long[] labels() {
        return labels.clone();
    }
}
