package org.rnn4j.models;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.rnn4j.nn.Masks;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.TimeSliced;

/**
 * A padded batch of N sequences of F features with one tag per step, time-major: features [T, N, F],
 * tags [T, N], lengths [N] in [0, T] (0 only in truncated-BPTT slices). Padding is 0. Immutable.
 */
public final class TaggedBatch implements TimeSliced<TaggedBatch> {
    private final float[] features;  // [T, N, F]
    private final long[] tags;       // [T, N]
    private final int[] lengths;     // [N]
    private final int steps;
    private final int width;

    private TaggedBatch(float[] features, long[] tags, int[] lengths, int steps, int width) {
        this.features = features;
        this.tags = tags;
        this.lengths = lengths;
        this.steps = steps;
        this.width = width;
    }

    /** {@code sequences.get(n)[t]} is step t of sequence n, tagged {@code tags.get(n)[t]}. */
    public static TaggedBatch of(List<float[][]> sequences, List<int[]> tags) {
        Objects.requireNonNull(sequences, "sequences");
        Objects.requireNonNull(tags, "tags");
        if (sequences.isEmpty() || sequences.size() != tags.size()) {
            throw new IllegalArgumentException("sequences and tags must be non-empty lists of the same size, got "
                    + sequences.size() + " and " + tags.size());
        }
        int n = sequences.size();
        int[] lengths = new int[n];
        int steps = 1;
        int width = -1;
        for (int i = 0; i < n; i++) {
            float[][] s = Objects.requireNonNull(sequences.get(i), "sequences[" + i + "]");
            if (s.length == 0 || tags.get(i).length != s.length) {
                throw new IllegalArgumentException("sequences[" + i + "] must have at least one step and one tag per "
                        + "step, got " + s.length + " steps and " + tags.get(i).length + " tags");
            }
            for (float[] step : s) {
                if (width < 0) {
                    width = step.length;
                } else if (step.length != width) {
                    throw new IllegalArgumentException("sequences[" + i + "] must have " + width
                            + " features per step like sequences[0], got " + step.length);
                }
            }
            lengths[i] = s.length;
            steps = Math.max(steps, s.length);
        }
        float[] features = new float[steps * n * width];
        long[] tagIds = new long[steps * n];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < lengths[i]; t++) {
                System.arraycopy(sequences.get(i)[t], 0, features, (t * n + i) * width, width);
                tagIds[t * n + i] = tags.get(i)[t];
            }
        }
        return new TaggedBatch(features, tagIds, lengths, steps, width);
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

    /** F. */
    public int features() {
        return width;
    }

    /** Lengths [N] (a copy). */
    @Override
    public int[] lengths() {
        return lengths.clone();
    }

    /** Tags [T, N] (a copy); padding 0. */
    public long[] tags() {
        return tags.clone();
    }

    /** Features as an off-heap [T, N, F] tensor in the current scope. */
    Tensor toTensor() {
        return Tensor.of(features, steps, lengths.length, width);
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
    public TaggedBatch slice(int from, int to) {
        Lengths.checkSlice(from, to, steps);
        int n = lengths.length;
        return new TaggedBatch(Arrays.copyOfRange(features, from * n * width, to * n * width),
                Arrays.copyOfRange(tags, from * n, to * n), Lengths.slice(lengths, from, to), to - from, width);
    }
}
