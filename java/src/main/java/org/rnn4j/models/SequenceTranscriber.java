package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rnn4j.Checks;
import org.rnn4j.backend.Backend;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentBlock;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.nn.Sequential;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.tensor.TensorScope;

/**
 * Many-to-many, unaligned: features [T, N, F] → recurrent (stacked, either direction) → dropout → linear over
 * C classes at every step, class 0 the blank (a {@link Sequential}), trained on the CTC loss
 * ({@link Objective#transcription()}) against label sequences of any length up to the input's. Decode its
 * {@link #probabilities} with {@link org.rnn4j.infer.CtcDecoding}; {@link #stream} (left-to-right layers only)
 * gives the scores step by step. Parameters {@code rnn.*}, {@code head.weight}, {@code head.bias}.
 */
public final class SequenceTranscriber
        extends SequentialModel<TranscriptionBatch, SequenceTranscriber.SequenceTranscriberConfig> {

    /** The blank class. */
    public static final int BLANK = 0;

    /**
     * The model's shape and how it starts.
     *
     * @param features  F, > 0
     * @param classes   C, > 1: the blank (class 0) and C − 1 labels
     * @param recurrent the recurrent layer; its dropout also applies to its output
     * @param seed      seeds the initial parameters
     */
    public record SequenceTranscriberConfig(int features, int classes, RecurrentSpec recurrent, long seed) {
        public SequenceTranscriberConfig {
            Checks.positive("features", features);
            if (classes < 2) {
                throw new IllegalArgumentException("classes must be >= 2 (the blank and a label), got " + classes);
            }
            Objects.requireNonNull(recurrent, "recurrent");
        }
    }

    private SequenceTranscriber(SequenceTranscriberConfig config, Backend backend) {
        super(config, config.seed(), network(config, backend), Objective.transcription(), backend);
    }

    private static Sequential network(SequenceTranscriberConfig config, Backend backend) {
        Kernels kernels = Kernels.of(backend);
        SplittableRandom seeds = new SplittableRandom(config.seed());
        return Sequential.of(
                new RecurrentBlock("rnn", config.recurrent(), config.features(), backend, seeds.nextLong()), // [T, N, O]
                new Dropout(config.recurrent().dropout(), kernels),                                        // [T, N, O]
                new Linear("head", config.recurrent().outputWidth(), config.classes(), kernels,
                        seeds.nextLong(), config.recurrent().precision()));                                 // [T, N, C]
    }

    /** A model with fresh parameters from {@code config}, on {@code backend}. */
    public static SequenceTranscriber create(SequenceTranscriberConfig config, Backend backend) {
        return new SequenceTranscriber(Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(backend, "backend"));
    }

    public static Builder builder(int features, int classes) {
        return new Builder(features, classes);
    }

    /** The class probabilities of every real step of each sequence: [N][its length][C]. */
    public float[][][] probabilities(SequenceBatch sequences) {
        Objects.requireNonNull(sequences, "sequences");
        int n = sequences.batch(), c = config().classes();
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

    /** Loads a model saved by {@link #save} on {@code backend}, after the checks every model file gets. */
    public static SequenceTranscriber load(Path directory, Backend backend) throws IOException {
        return Models.load(directory, backend, SequenceTranscriber.class);
    }

    /**
     * Builder (the recurrent layer {@code Recurrent.lstm(64)} unless set):
     * {@code SequenceTranscriber.builder(F, C).recurrent(Recurrent.lstm(64).layers(2).bidirectional())}.
     */
    public static final class Builder extends ModelBuilder<Builder, SequenceTranscriber> {
        private final int features;
        private final int classes;

        private Builder(int features, int classes) {
            super(Recurrent.lstm(64));
            this.features = features;
            this.classes = classes;
        }

        @Override
        public SequenceTranscriber build() {
            return create(new SequenceTranscriberConfig(features, classes, recurrentSpec(), seedValue()),
                    backendOrDefault());
        }
    }
}
