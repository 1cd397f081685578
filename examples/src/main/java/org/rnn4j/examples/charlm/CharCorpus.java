package org.rnn4j.examples.charlm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rnn4j.models.TokenBatch;
import org.rnn4j.train.Dataset;

/**
 * The training and validation text of the char LM as batches of parallel contiguous streams.
 *
 * <p>Why contiguous streams rather than random windows: the text is cut into N streams side by side
 * (stream n reads its own 1/N of the text, in order), one batch per epoch of shape [T/N, N], and the
 * trainer's truncated BPTT walks it k steps at a time, carrying each stream's LSTM state from one
 * update to the next. So every update starts from a state that has already read the text before it
 * (as at evaluation and generation time), no character is read twice in an epoch, and the gradient
 * still flows through only k steps. Each epoch starts the streams at a different offset, so the
 * update boundaries fall elsewhere.
 */
final class CharCorpus {
    private CharCorpus() {
    }

    /** One epoch's batch: the ids from {@code offset} on, cut into {@code streams} streams of equal length. */
    static TokenBatch streams(int[] ids, int streams, int offset) {
        int length = streamLength(ids.length, streams, offset);
        List<int[]> rows = new ArrayList<>(streams);
        for (int n = 0; n < streams; n++) {
            int from = offset + n * length;
            rows.add(Arrays.copyOfRange(ids, from, from + length));
        }
        return TokenBatch.nextToken(rows);                      // inputs s[0..L-2], targets s[1..L-1]
    }

    /** Characters per stream when a text of {@code total} characters is cut from {@code offset} on. */
    static int streamLength(int total, int streams, int offset) {
        int length = (total - offset) / streams;               // each stream: inputs and the next-char targets
        if (length < 2) {
            throw new IllegalArgumentException("a text of " + total + " characters is too short for "
                    + streams + " streams");
        }
        return length;
    }

    /** Where epoch {@code epoch}'s training streams start: {@code e · 37 mod k} characters in (a function of e only). */
    static int trainingOffset(int epoch, int chunk) {
        return (int) ((epoch * 37L) % chunk);
    }

    /** Training batches: epoch e starts its streams {@link #trainingOffset} characters in. */
    static Dataset<TokenBatch> training(int[] ids, int streams, int chunk) {
        return new Dataset<>() {
            @Override
            public Iterable<TokenBatch> epoch(int epoch) {
                return List.of(streams(ids, streams, trainingOffset(epoch, chunk)));
            }

            @Override
            public int size() {
                return 1;
            }
        };
    }

    /** The whole validation text as one batch of {@code streams} contiguous streams (each starting from a zero state). */
    static Dataset<TokenBatch> validation(int[] ids, int streams) {
        return Dataset.of(List.of(streams(ids, streams, 0)));
    }

}
