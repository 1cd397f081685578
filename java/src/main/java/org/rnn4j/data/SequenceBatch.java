package org.rnn4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.rnn4j.Checks;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * A padded batch of N sequences of F features with per-sequence lengths: values time-major
 * [T, N, F] (what the recurrent kernels read), T = the longest length, zeros past each length.
 * Immutable; {@link #toTensor()} copies it off-heap, {@link #batchFirst()} gives the [N, T, F] view.
 */
public final class SequenceBatch {
    private final float[] values;  // [T, N, F]
    private final int[] lengths;   // [N]
    private final int steps;
    private final int features;

    private SequenceBatch(float[] values, int[] lengths, int steps, int features) {
        this.values = values;
        this.lengths = lengths;
        this.steps = steps;
        this.features = features;
    }

    /**
     * From sequences of feature vectors: each element is a {@code float[][]} sequence, {@code [t]} its
     * step t. {@code SequenceBatch.of(List.of(x))} for a single sequence {@code float[][] x} works too:
     * Java spreads an array passed to {@code List.of} into its elements, so that list holds x's steps
     * ({@code float[]}), and a list of {@code float[]} steps is read as one sequence.
     *
     * @throws IllegalArgumentException if the elements are neither all {@code float[][]} nor all
     *                                  {@code float[]}, or the sequences are empty or ragged in features
     */
    public static SequenceBatch of(List<?> sequences) {
        Objects.requireNonNull(sequences, "sequences");
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("sequences must not be empty");
        }
        return fromSequences(asSequences(sequences));
    }

    /** The elements as sequences: themselves if all are float[][], else one sequence of float[] steps. */
    private static List<float[][]> asSequences(List<?> elements) {
        boolean steps = elements.get(0) instanceof float[];
        List<float[][]> out = new ArrayList<>(elements.size());
        float[][] single = steps ? new float[elements.size()][] : null;
        for (int i = 0; i < elements.size(); i++) {
            Object e = Objects.requireNonNull(elements.get(i), "sequences[" + i + "]");
            if (steps && e instanceof float[] step) {
                single[i] = step;
            } else if (!steps && e instanceof float[][] sequence) {
                out.add(sequence);
            } else {
                throw new IllegalArgumentException("sequences[" + i + "] must be a " + (steps ? "float[] step like "
                        + "sequences[0]" : "float[][] sequence") + ", got " + e.getClass().getSimpleName());
            }
        }
        return steps ? Collections.singletonList(single) : out;
    }

    private static SequenceBatch fromSequences(List<float[][]> sequences) {
        int n = sequences.size();
        int[] lengths = new int[n];
        int features = -1;
        int steps = 0;
        for (int i = 0; i < n; i++) {
            float[][] s = Objects.requireNonNull(sequences.get(i), "sequences[" + i + "]");
            if (s.length == 0) {
                throw new IllegalArgumentException("sequences[" + i + "] must have at least one step, got 0");
            }
            for (int t = 0; t < s.length; t++) {
                int width = Objects.requireNonNull(s[t], "sequences[" + i + "][" + t + "]").length;
                if (features < 0) {
                    features = width;
                } else if (width != features) {
                    throw new IllegalArgumentException("sequences[" + i + "][" + t + "] must have " + features
                            + " features like sequences[0][0], got " + width);
                }
            }
            lengths[i] = s.length;
            steps = Math.max(steps, s.length);
        }
        float[] values = new float[Checks.arrayLength("steps × sequences × features", steps, n, features)];
        for (int i = 0; i < n; i++) {
            float[][] s = sequences.get(i);
            for (int t = 0; t < s.length; t++) {
                System.arraycopy(s[t], 0, values, (t * n + i) * features, features);
            }
        }
        return new SequenceBatch(values, lengths, steps, features);
    }

    /** From token-id sequences, as one feature per step holding the id (see {@link #tokenIds()}). */
    public static SequenceBatch ofTokens(List<int[]> sequences) {
        Objects.requireNonNull(sequences, "sequences");
        float[][][] asFeatures = new float[sequences.size()][][];
        for (int i = 0; i < asFeatures.length; i++) {
            int[] ids = Objects.requireNonNull(sequences.get(i), "sequences[" + i + "]");
            asFeatures[i] = new float[ids.length][];
            for (int t = 0; t < ids.length; t++) {
                if (ids[t] < 0 || ids[t] >= (1 << 24)) {
                    throw new IllegalArgumentException("sequences[" + i + "][" + t + "] must be a token id in [0, 2^24), got " + ids[t]);
                }
                asFeatures[i][t] = new float[] {ids[t]};
            }
        }
        return of(Arrays.asList(asFeatures));
    }

    /** T: the longest length. */
    public int steps() {
        return steps;
    }

    /** N. */
    public int batch() {
        return lengths.length;
    }

    /** F. */
    public int features() {
        return features;
    }

    /** Per-sequence lengths [N] (a copy). */
    public int[] lengths() {
        return lengths.clone();
    }

    /** True when every sequence has length T (no padding). */
    public boolean isFull() {
        for (int l : lengths) {
            if (l != steps) {
                return false;
            }
        }
        return true;
    }

    /** Value of feature f at step t of sequence n (0 past its length). */
    public float get(int t, int n, int f) {
        return values[(t * lengths.length + n) * features + f];
    }

    /** Time-major values [T, N, F] (a copy). */
    public float[] timeMajor() {
        return values.clone();
    }

    /** Batch-first values [N, T, F]. */
    public float[] batchFirst() {
        int n = lengths.length;
        float[] out = new float[values.length];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(values, (t * n + i) * features, out, (i * steps + t) * features, features);
            }
        }
        return out;
    }

    /** Token ids [T, N] (one-feature batches only; padding is 0). */
    public long[] tokenIds() {
        if (features != 1) {
            throw new IllegalStateException("tokenIds needs a one-feature batch, this one has " + features + " features");
        }
        long[] ids = new long[values.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (long) values[i];
        }
        return ids;
    }

    /** Per-step mask [T, N]: 1 where t < length, else 0. */
    public float[] mask() {
        int n = lengths.length;
        float[] m = new float[steps * n];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                m[t * n + i] = t < lengths[i] ? 1f : 0f;
            }
        }
        return m;
    }

    /** The values as an off-heap [T, N, F] tensor, owned by the current scope. */
    public Tensor toTensor() {
        return Tensor.of(values, steps, lengths.length, features);
    }

    /** Shape [T, N, F]. */
    public Shape shape() {
        return Shape.of(steps, lengths.length, features);
    }

    @Override
    public String toString() {
        return "SequenceBatch[T=" + steps + ", N=" + lengths.length + ", F=" + features + ", lengths="
                + Arrays.toString(lengths.length > 8 ? Arrays.copyOf(lengths, 8) : lengths)
                + (lengths.length > 8 ? "..." : "") + "]";
    }
}
