package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rnn4j.Checks;
import org.rnn4j.backend.Backend;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.infer.Sampling;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentBlock;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.nn.Sequential;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.Chunkable;

/**
 * Many-to-many, aligned over features: features [T, N, F] → recurrent (either direction) → dropout →
 * linear over the tags at every step (a {@link Sequential}), trained on cross-entropy masked to each
 * sequence's real steps ({@link Objective#tagging()}). Truncated BPTT and {@link #stream} need a
 * unidirectional layer. Parameters {@code rnn.*}, {@code head.weight}, {@code head.bias}.
 */
public final class SequenceTagger extends SequentialModel<TaggedBatch, SequenceTagger.SequenceTaggerConfig>
        implements Chunkable<TaggedBatch> {

    /**
     * The model's shape and how it starts.
     *
     * @param features  F, > 0
     * @param tags      C, > 1
     * @param recurrent the recurrent layer; its dropout also applies to its output
     * @param seed      seeds the initial parameters
     */
    public record SequenceTaggerConfig(int features, int tags, RecurrentSpec recurrent, long seed) {
        public SequenceTaggerConfig {
            Checks.positive("features", features);
            if (tags < 2) {
                throw new IllegalArgumentException("tags must be >= 2, got " + tags);
            }
            Objects.requireNonNull(recurrent, "recurrent");
        }
    }

    private SequenceTagger(SequenceTaggerConfig config, Backend backend) {
        super(config, config.seed(), network(config, backend), Objective.tagging(), backend);
    }

    private static Sequential network(SequenceTaggerConfig config, Backend backend) {
        Kernels kernels = Kernels.of(backend);
        SplittableRandom seeds = new SplittableRandom(config.seed());
        return Sequential.of(
                new RecurrentBlock("rnn", config.recurrent(), config.features(), backend, seeds.nextLong()), // [T, N, O]
                new Dropout(config.recurrent().dropout(), kernels),                                        // [T, N, O]
                new Linear("head", config.recurrent().outputWidth(), config.tags(), kernels, seeds.nextLong(),
                        config.recurrent().precision()));                                                   // [T, N, C]
    }

    /** A model with fresh parameters from {@code config}, on {@code backend}. */
    public static SequenceTagger create(SequenceTaggerConfig config, Backend backend) {
        return new SequenceTagger(Objects.requireNonNull(config, "config"), Objects.requireNonNull(backend, "backend"));
    }

    public static Builder builder(int features, int tags) {
        return new Builder(features, tags);
    }

    /** The likeliest tag at every step [T, N] (0 past each sequence's end). */
    public int[] predict(TaggedBatch batch) {
        try (TensorScope scope = TensorScope.open()) {
            return likeliest(infer(batch).toFloatArray(), batch.steps(), batch.lengths());
        }
    }

    /** The likeliest tag of every real step of each sequence: [N][its length]. */
    public int[][] predict(SequenceBatch sequences) {
        float[][][] p = probabilities(sequences);
        int[][] out = new int[p.length][];
        for (int n = 0; n < p.length; n++) {
            out[n] = new int[p[n].length];
            for (int t = 0; t < p[n].length; t++) {
                out[n][t] = Sampling.greedy(p[n][t]);
            }
        }
        return out;
    }

    /** The tag probabilities of every real step of each sequence: [N][its length][C]. */
    public float[][][] probabilities(SequenceBatch sequences) {
        Objects.requireNonNull(sequences, "sequences");
        int n = sequences.batch(), c = config().tags();
        int[] lengths = sequences.lengths();
        float[] scores;                                                              // [T, N, C]
        try (TensorScope scope = TensorScope.open()) {
            scores = infer(sequences.toTensor(), Objectives.context(sequences, Propagation.INFERENCE)).toFloatArray();
        }
        float[][][] out = new float[n][][];
        for (int i = 0; i < n; i++) {
            out[i] = new float[lengths[i]][c];
            for (int t = 0; t < lengths[i]; t++) {
                System.arraycopy(scores, (t * n + i) * c, out[i][t], 0, c);
            }
            softmax(out[i]);
        }
        return out;
    }

    private int[] likeliest(float[] scores, int steps, int[] lengths) {
        int n = lengths.length, c = config().tags();
        int[] out = new int[steps * n];
        float[] row = new float[c];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                if (t < lengths[i]) {
                    System.arraycopy(scores, (t * n + i) * c, row, 0, c);
                    out[t * n + i] = Sampling.greedy(row);
                }
            }
        }
        return out;
    }

    /** Loads a model saved by {@link #save} on the default backend. */
    public static SequenceTagger load(Path directory) throws IOException {
        return load(directory, RnnEngines.defaultBackend());
    }

    /**
     * Loads a model saved by {@link #save} on {@code backend}, after checking the format, the config,
     * the weights' checksum and every tensor's name and shape.
     *
     * @throws org.rnn4j.io.CorruptFileException naming the file and what is wrong
     */
    public static SequenceTagger load(Path directory, Backend backend) throws IOException {
        return Models.load(directory, backend, SequenceTagger.class);
    }

    /**
     * Builder (the recurrent layer {@code Recurrent.lstm(64)} unless set):
     * {@code SequenceTagger.builder(F, C).recurrent(Recurrent.lstm(64).bidirectional()).build()}.
     */
    public static final class Builder extends ModelBuilder<Builder, SequenceTagger> {
        private final int features;
        private final int tags;

        private Builder(int features, int tags) {
            super(Recurrent.lstm(64));
            this.features = features;
            this.tags = tags;
        }

        @Override
        public SequenceTagger build() {
            return create(new SequenceTaggerConfig(features, tags, recurrentSpec(), seedValue()),
                    backendOrDefault());
        }
    }
}
