package org.rnn4j.models;

import java.util.List;
import java.util.Objects;

/**
 * One vector of F features per sequence [N, F] and the token sequence it should produce, teacher-forced:
 * decoder inputs [bos, y…] and targets [y…, eos].
 *
 * @param vectors [N, F], sequence-major
 * @param targets the teacher-forced target batch of N sequences
 */
public record OneToManyBatch(float[] vectors, TokenBatch targets) {

    public OneToManyBatch {
        Objects.requireNonNull(vectors, "vectors");
        Objects.requireNonNull(targets, "targets");
        if (vectors.length == 0 || vectors.length % targets.batch() != 0) {
            throw new IllegalArgumentException("vectors must hold F >= 1 values per sequence, N = " + targets.batch()
                    + ", got " + vectors.length);
        }
        vectors = vectors.clone();
    }

    /** vectors[n] produces sequences[n]. */
    public static OneToManyBatch of(float[][] vectors, List<int[]> sequences, int bos, int eos) {
        if (vectors.length != sequences.size() || vectors.length == 0) {
            throw new IllegalArgumentException("one vector per sequence, got " + vectors.length + " and "
                    + sequences.size());
        }
        int width = vectors[0].length;
        float[] flat = new float[vectors.length * width];
        for (int n = 0; n < vectors.length; n++) {
            if (vectors[n].length != width) {
                throw new IllegalArgumentException("vectors[" + n + "] must have " + width + " values, got "
                        + vectors[n].length);
            }
            System.arraycopy(vectors[n], 0, flat, n * width, width);
        }
        return new OneToManyBatch(flat, TokenBatch.teacherForcing(sequences, bos, eos));
    }

    /** F. */
    public int features() {
        return vectors.length / targets.batch();
    }

    @Override
    public float[] vectors() {
        return vectors.clone();
    }
}
