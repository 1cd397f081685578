package org.rnn4j.models;

import java.util.Arrays;
import java.util.Objects;

import org.rnn4j.data.SequenceBatch;

/**
 * Sequences [T, N, F] with lengths and, for each, its transcription: a label sequence usually shorter than the
 * input and not aligned with it (what CTC learns from). Labels are classes in [1, C): class 0 is the blank.
 *
 * @param sequences the padded features
 * @param targets   targets[n] the labels of sequence n, each >= 1
 */
public record TranscriptionBatch(SequenceBatch sequences, int[][] targets) {

    public TranscriptionBatch {
        Objects.requireNonNull(sequences, "sequences");
        Objects.requireNonNull(targets, "targets");
        if (targets.length != sequences.batch()) {
            throw new IllegalArgumentException("targets must have one entry per sequence, N = " + sequences.batch()
                    + ", got " + targets.length);
        }
        int[][] copy = new int[targets.length][];
        for (int n = 0; n < targets.length; n++) {
            copy[n] = Objects.requireNonNull(targets[n], "targets[" + n + "]").clone();
            for (int label : copy[n]) {
                if (label < 1) {
                    throw new IllegalArgumentException("targets[" + n + "] must hold labels >= 1 (0 is the blank), got "
                            + Arrays.toString(copy[n]));
                }
            }
        }
        targets = copy;
    }

    @Override
    public int[][] targets() {
        int[][] copy = new int[targets.length][];
        for (int n = 0; n < targets.length; n++) {
            copy[n] = targets[n].clone();
        }
        return copy;
    }
}
