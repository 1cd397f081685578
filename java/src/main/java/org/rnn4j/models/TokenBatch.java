package org.rnn4j.models;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.rnn4j.nn.Masks;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.TimeSliced;

/**
 * A padded batch of N token sequences, time-major: input ids [T, N], optional target ids [T, N]
 * aligned with them, and lengths [N] in [0, T] (0 only in truncated-BPTT slices). Padding holds id 0.
 * Immutable.
 */
public final class TokenBatch implements TimeSliced<TokenBatch> {
    private final long[] inputs;    // [T, N]
    private final long[] targets;   // [T, N] or null
    private final int[] lengths;    // [N]
    private final int steps;

    private TokenBatch(long[] inputs, long[] targets, int[] lengths, int steps) {
        this.inputs = inputs;
        this.targets = targets;
        this.lengths = lengths;
        this.steps = steps;
    }

    /** Input sequences only (e.g. the sources of a translation), no targets. */
    public static TokenBatch of(List<int[]> sequences) {
        return build(sequences, 0, 0, false);
    }

    /**
     * Next-token prediction: inputs s[0 .. L−2], targets s[1 .. L−1] for each sequence s of length L ≥ 2.
     */
    public static TokenBatch nextToken(List<int[]> sequences) {
        return build(sequences, 1, 0, true);
    }

    /**
     * Teacher forcing of a decoder: inputs [bos, y0 .. y(L−1)], targets [y0 .. y(L−1), eos] for each
     * target sequence y (L ≥ 0).
     */
    public static TokenBatch teacherForcing(List<int[]> sequences, int bos, int eos) {
        return build(sequences, -1, bos, true).withEndTargets(eos);
    }

    /**
     * @param shift 0: as is; 1: next token (one shorter); −1: one longer, bos first
     */
    private static TokenBatch build(List<int[]> sequences, int shift, int bos, boolean withTargets) {
        Objects.requireNonNull(sequences, "sequences");
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("sequences must not be empty");
        }
        int n = sequences.size();
        int[] lengths = new int[n];
        int steps = 1;
        for (int i = 0; i < n; i++) {
            int[] s = Objects.requireNonNull(sequences.get(i), "sequences[" + i + "]");
            lengths[i] = s.length - shift;
            if (lengths[i] < 1) {
                throw new IllegalArgumentException("sequences[" + i + "] must have at least " + (1 + shift)
                        + " tokens, got " + s.length);
            }
            steps = Math.max(steps, lengths[i]);
        }
        long[] inputs = new long[steps * n];
        long[] targets = withTargets ? new long[steps * n] : null;
        for (int i = 0; i < n; i++) {
            int[] s = sequences.get(i);
            for (int t = 0; t < lengths[i]; t++) {
                int at = t * n + i;
                inputs[at] = shift == -1 ? (t == 0 ? bos : s[t - 1]) : s[t];
                if (targets != null) {
                    targets[at] = shift == 1 ? s[t + 1] : shift == -1 && t < s.length ? s[t] : 0;
                }
                checkId(inputs[at], i, t);
            }
        }
        return new TokenBatch(inputs, targets, lengths, steps);
    }

    private TokenBatch withEndTargets(int eos) {
        int n = lengths.length;
        long[] t = targets.clone();
        for (int i = 0; i < n; i++) {
            t[(lengths[i] - 1) * n + i] = eos;
        }
        return new TokenBatch(inputs, t, lengths, steps);
    }

    private static void checkId(long id, int sequence, int step) {
        if (id < 0) {
            throw new IllegalArgumentException("sequences[" + sequence + "][" + step + "] must be a token id >= 0, got "
                    + id);
        }
    }

    /** T. */
    @Override
    public int steps() {
        return steps;
    }

    /** N. */
    public int batch() {
        return lengths.length;
    }

    /** Lengths [N] (a copy). */
    @Override
    public int[] lengths() {
        return lengths.clone();
    }

    /** Input ids [T, N] (a copy). */
    public long[] inputs() {
        return inputs.clone();
    }

    /** Target ids [T, N] (a copy); padding 0. */
    public long[] targets() {
        if (targets == null) {
            throw new IllegalStateException("this batch has no targets (made by TokenBatch.of)");
        }
        return targets.clone();
    }

    /** Lengths for the recurrent engine (see {@link Lengths#engine}). */
    int[] engineLengths() {
        return Lengths.engine(lengths, steps);
    }

    /** The loss mask [T, N]: 1 on real steps. */
    Tensor mask() {
        return Masks.steps(steps, lengths);
    }

    /** Steps [from, to) (see {@link TimeSliced#slice}). */
    @Override
    public TokenBatch slice(int from, int to) {
        Lengths.checkSlice(from, to, steps);
        int n = lengths.length;
        return new TokenBatch(Arrays.copyOfRange(inputs, from * n, to * n),
                targets == null ? null : Arrays.copyOfRange(targets, from * n, to * n), Lengths.slice(lengths, from, to),
                to - from);
    }
}
