package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import org.rnn4j.Checks;
import org.rnn4j.backend.Backend;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.tensor.TensorScope;

/**
 * Many-to-one regression: features [T, N, F] with lengths → recurrent → {@link Pooling} → dropout →
 * linear to K outputs (a {@link org.rnn4j.nn.Sequential}), trained on mean squared error ({@link Objective#regression()}). One-to-one is the case T = 1. Parameters
 * {@code rnn.*}, {@code head.weight}, {@code head.bias}.
 */
public final class SequenceRegressor extends SequentialModel<RegressionBatch, SequenceRegressor.SequenceRegressorConfig> {

    /**
     * The model's shape and how it starts.
     *
     * @param features  F, > 0
     * @param outputs   K, > 0
     * @param recurrent the recurrent layer; its dropout also applies to the pooled summary
     * @param pooling   how a sequence is summarised
     * @param seed      seeds the initial parameters
     */
    public record SequenceRegressorConfig(int features, int outputs, RecurrentSpec recurrent, Pooling pooling,
                                          long seed) {
        public SequenceRegressorConfig {
            Checks.positive("features", features);
            Checks.positive("outputs", outputs);
            Objects.requireNonNull(recurrent, "recurrent");
            Objects.requireNonNull(pooling, "pooling");
        }
    }

    private SequenceRegressor(SequenceRegressorConfig config, Backend backend) {
        super(config, config.seed(), config.pooling().network(config.features(), config.recurrent(), config.outputs(),
                backend, config.seed()), Objective.regression(), backend);
    }

    /** A model with fresh parameters from {@code config}, on {@code backend}. */
    public static SequenceRegressor create(SequenceRegressorConfig config, Backend backend) {
        return new SequenceRegressor(Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(backend, "backend"));
    }

    public static Builder builder(int features, int outputs) {
        return new Builder(features, outputs);
    }

    /** The predicted outputs [N, K] of each sequence, sequence-major. */
    public float[] predict(SequenceBatch sequences) {
        Objects.requireNonNull(sequences, "sequences");
        try (TensorScope scope = TensorScope.open()) {
            return infer(sequences.toTensor(), Objectives.context(sequences, Propagation.INFERENCE)).toFloatArray();
        }
    }

    /** The predicted outputs of each sequence, [N][K]. */
    public float[][] predictions(SequenceBatch sequences) {
        return rows(predict(sequences), sequences.batch());
    }

    /** Loads a model saved by {@link #save} on the default backend. */
    public static SequenceRegressor load(Path directory) throws IOException {
        return load(directory, RnnEngines.defaultBackend());
    }

    /**
     * Loads a model saved by {@link #save} on {@code backend}, after checking the format, the config,
     * the weights' checksum and every tensor's name and shape.
     *
     * @throws org.rnn4j.io.CorruptFileException naming the file and what is wrong
     */
    public static SequenceRegressor load(Path directory, Backend backend) throws IOException {
        return Models.load(directory, backend, SequenceRegressor.class);
    }

    /**
     * Builder (the recurrent layer {@code Recurrent.lstm(64)} unless set):
     * {@code SequenceRegressor.builder(F, K).recurrent(Recurrent.gru(32)).pooling(Pooling.MEAN).build()}.
     */
    public static final class Builder extends ModelBuilder<Builder, SequenceRegressor> {
        private final int features;
        private final int outputs;
        private Pooling pooling = Pooling.LAST;

        private Builder(int features, int outputs) {
            super(Recurrent.lstm(64));
            this.features = features;
            this.outputs = outputs;
        }

        /** The summary of each sequence (default {@link Pooling#LAST}). */
        public Builder pooling(Pooling newPooling) {
            this.pooling = Objects.requireNonNull(newPooling, "pooling");
            return this;
        }

        @Override
        public SequenceRegressor build() {
            return create(new SequenceRegressorConfig(features, outputs, recurrentSpec(), pooling, seedValue()),
                    backendOrDefault());
        }
    }
}
