package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rnn4j.data.SequenceBatch;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.MeanSquaredError;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Parameters;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.Trainable;
import org.rnn4j.train.TrainingPass;

/**
 * Many-to-one regression: features [T, N, F] with lengths → recurrent → {@link Pooling} → dropout →
 * linear to K outputs, trained on mean squared error. One-to-one is the case T = 1. Parameters
 * {@code rnn.*}, {@code head.weight}, {@code head.bias}.
 */
public final class SequenceRegressor implements Trainable<RegressionBatch>, AutoCloseable {
    private final SequenceRegressorConfig config;
    private final SequenceEncoder encoder;
    private final Linear head;
    private final MeanSquaredError meanSquaredError;
    private final List<Parameter> parameters;

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
            ModelChecks.positive("features", features);
            ModelChecks.positive("outputs", outputs);
            Objects.requireNonNull(recurrent, "recurrent");
            Objects.requireNonNull(pooling, "pooling");
        }
    }

    private SequenceRegressor(SequenceRegressorConfig config, Backend backend) {
        this.config = config;
        SplittableRandom seeds = new SplittableRandom(config.seed());
        this.encoder = new SequenceEncoder(config.features(), config.recurrent(), config.pooling(), backend,
                seeds.nextLong());
        this.head = new Linear("head", encoder.width(), config.outputs(), Kernels.of(backend), seeds.nextLong());
        this.meanSquaredError = new MeanSquaredError(Kernels.of(backend));
        this.parameters = Parameters.of(encoder.recurrent(), head);
    }

    public static SequenceRegressor create(SequenceRegressorConfig config, Backend backend) {
        return new SequenceRegressor(Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(backend, "backend"));
    }

    public static Builder builder(int features, int outputs) {
        return new Builder(features, outputs);
    }

    public SequenceRegressorConfig config() {
        return config;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Backend backend() {
        return encoder.recurrent().backend();
    }

    @Override
    public void seed(long seed) {
        encoder.seed(seed);
    }

    @Override
    public TrainingPass forward(RegressionBatch batch) {
        SequenceEncoder.Pass encoded = encoder.forward(batch.sequences(), Propagation.TRAINING);   // [N, W]
        Linear.Pass prediction = head.forward(encoded.output());                                   // [N, K]
        MeanSquaredError.Pass loss = meanSquaredError.forward(prediction.output(), target(batch), null);
        return new ModelPass(loss.loss(), encoded.rnn().finalState(), () -> {
            Tensor dPrediction = meanSquaredError.backward(loss);                                  // [N, K]
            Tensor dEncoded = head.backward(prediction, dPrediction);                              // [N, W]
            encoder.backward(encoded, dEncoded);
        });
    }

    @Override
    public LossValue evaluate(RegressionBatch batch) {
        Tensor prediction = head.forward(encoder.forward(batch.sequences(), Propagation.INFERENCE).output()).output();
        return meanSquaredError.forward(prediction, target(batch), null).loss();
    }

    /** The predicted outputs [N, K] of each sequence, sequence-major. */
    public float[] predict(SequenceBatch sequences) {
        try (TensorScope scope = TensorScope.open()) {
            return head.forward(encoder.forward(sequences, Propagation.INFERENCE).output()).output().toFloatArray();
        }
    }

    private Tensor target(RegressionBatch batch) {
        if (batch.outputs() != config.outputs()) {
            throw new IllegalArgumentException("targets must have K = " + config.outputs() + " values per sequence, got "
                    + batch.outputs());
        }
        return Tensor.of(batch.targets(), batch.sequences().batch(), config.outputs());              // [N, K]
    }

    /**
     * Saves this model to {@code directory}: {@code model.safetensors} and {@code config.json} with its
     * config and provenance (see {@link #load}).
     */
    public void save(Path directory) throws IOException {
        ModelFile.save(directory, "SequenceRegressor", config, config.seed(), backend(), parameters);
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
        return ModelFile.load(directory, "SequenceRegressor", SequenceRegressorConfig.class, backend, SequenceRegressor::create, m -> m.parameters,
                SequenceRegressor::close);
    }

    @Override
    public void close() {
        encoder.close();
        head.close();
    }

    /** Builder: {@code SequenceRegressor.builder(F, K).recurrent(Recurrent.gru(32)).pooling(Pooling.MEAN).build()}. */
    public static final class Builder {
        private final int features;
        private final int outputs;
        private RecurrentSpec recurrent = Recurrent.lstm(64);
        private Pooling pooling = Pooling.LAST;
        private long seed;
        private Backend backend;

        private Builder(int features, int outputs) {
            this.features = features;
            this.outputs = outputs;
        }

        /** The recurrent layer (default {@code Recurrent.lstm(64)}). */
        public Builder recurrent(RecurrentSpec spec) {
            this.recurrent = Objects.requireNonNull(spec, "recurrent");
            return this;
        }

        /** The summary of each sequence (default {@link Pooling#LAST}). */
        public Builder pooling(Pooling newPooling) {
            this.pooling = Objects.requireNonNull(newPooling, "pooling");
            return this;
        }

        public Builder seed(long newSeed) {
            this.seed = newSeed;
            return this;
        }

        /** The backend (default {@link RnnEngines#defaultBackend()}). */
        public Builder backend(Backend newBackend) {
            this.backend = Objects.requireNonNull(newBackend, "backend");
            return this;
        }

        public SequenceRegressor build() {
            return create(new SequenceRegressorConfig(features, outputs, recurrent, pooling, seed),
                    backend != null ? backend : RnnEngines.defaultBackend());
        }
    }
}
