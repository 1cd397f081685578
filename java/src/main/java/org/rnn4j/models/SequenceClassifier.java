package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import org.rnn4j.Checks;
import org.rnn4j.backend.Backend;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.infer.Sampling;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.tensor.TensorScope;

/**
 * Many-to-one classification: features [T, N, F] with lengths → recurrent → {@link Pooling} → dropout →
 * linear over the classes (a {@link org.rnn4j.nn.Sequential}), trained on cross-entropy ({@link Objective#classification()}). One-to-one is the case T = 1. Parameters
 * {@code rnn.*}, {@code head.weight}, {@code head.bias}.
 */
public final class SequenceClassifier extends SequentialModel<ClassificationBatch, SequenceClassifier.SequenceClassifierConfig> {

    /**
     * The model's shape and how it starts.
     *
     * @param features  F, > 0
     * @param classes   C, > 1
     * @param recurrent the recurrent layer; its dropout also applies to the pooled summary
     * @param pooling   how a sequence is summarised
     * @param seed      seeds the initial parameters
     */
    public record SequenceClassifierConfig(int features, int classes, RecurrentSpec recurrent, Pooling pooling,
                                           long seed) {
        public SequenceClassifierConfig {
            Checks.positive("features", features);
            if (classes < 2) {
                throw new IllegalArgumentException("classes must be >= 2, got " + classes);
            }
            Objects.requireNonNull(recurrent, "recurrent");
            Objects.requireNonNull(pooling, "pooling");
        }
    }

    private SequenceClassifier(SequenceClassifierConfig config, Backend backend) {
        super(config, config.seed(), config.pooling().network(config.features(), config.recurrent(), config.classes(),
                backend, config.seed()), Objective.classification(), backend);
    }

    /** A model with fresh parameters from {@code config}, on {@code backend}. */
    public static SequenceClassifier create(SequenceClassifierConfig config, Backend backend) {
        return new SequenceClassifier(Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(backend, "backend"));
    }

    public static Builder builder(int features, int classes) {
        return new Builder(features, classes);
    }

    /** The class scores [N][C] of each sequence. */
    public float[][] logits(SequenceBatch sequences) {
        Objects.requireNonNull(sequences, "sequences");
        try (TensorScope scope = TensorScope.open()) {
            return rows(infer(sequences.toTensor(), Objectives.context(sequences, Propagation.INFERENCE))
                    .toFloatArray(), sequences.batch());                                    // [N, C]
        }
    }

    /** The class probabilities [N][C] of each sequence: softmax of {@link #logits}. */
    public float[][] probabilities(SequenceBatch sequences) {
        return softmax(logits(sequences));
    }

    /** The likeliest class of each sequence. */
    public int[] predict(SequenceBatch sequences) {
        float[][] scores = logits(sequences);
        int[] out = new int[scores.length];
        for (int n = 0; n < out.length; n++) {
            out[n] = Sampling.greedy(scores[n]);
        }
        return out;
    }

    /** Loads a model saved by {@link #save} on the default backend. */
    public static SequenceClassifier load(Path directory) throws IOException {
        return load(directory, RnnEngines.defaultBackend());
    }

    /**
     * Loads a model saved by {@link #save} on {@code backend}, after checking the format, the config,
     * the weights' checksum and every tensor's name and shape.
     *
     * @throws org.rnn4j.io.CorruptFileException naming the file and what is wrong
     */
    public static SequenceClassifier load(Path directory, Backend backend) throws IOException {
        return Models.load(directory, backend, SequenceClassifier.class);
    }

    /**
     * Builder (the recurrent layer {@code Recurrent.lstm(64)} unless set):
     * {@code SequenceClassifier.builder(F, C).recurrent(Recurrent.gru(64)).pooling(Pooling.MEAN).build()}.
     */
    public static final class Builder extends ModelBuilder<Builder, SequenceClassifier> {
        private final int features;
        private final int classes;
        private Pooling pooling = Pooling.LAST;

        private Builder(int features, int classes) {
            super(Recurrent.lstm(64));
            this.features = features;
            this.classes = classes;
        }

        /** The summary of each sequence (default {@link Pooling#LAST}). */
        public Builder pooling(Pooling newPooling) {
            this.pooling = Objects.requireNonNull(newPooling, "pooling");
            return this;
        }

        @Override
        public SequenceClassifier build() {
            return create(new SequenceClassifierConfig(features, classes, recurrentSpec(), pooling, seedValue()),
                    backendOrDefault());
        }
    }
}
