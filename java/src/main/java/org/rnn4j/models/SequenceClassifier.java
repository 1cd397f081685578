package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rnn4j.data.SequenceBatch;
import org.rnn4j.infer.Sampling;
import org.rnn4j.nn.CrossEntropy;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.LossValue;
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
 * Many-to-one classification: features [T, N, F] with lengths → recurrent → {@link Pooling} → dropout →
 * linear over the classes, trained on cross-entropy. One-to-one is the case T = 1. Parameters
 * {@code rnn.*}, {@code head.weight}, {@code head.bias}.
 */
public final class SequenceClassifier implements Trainable<ClassificationBatch>, AutoCloseable {
    private final SequenceClassifierConfig config;
    private final SequenceEncoder encoder;
    private final Linear head;
    private final CrossEntropy crossEntropy;
    private final List<Parameter> parameters;

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
            ModelChecks.positive("features", features);
            if (classes < 2) {
                throw new IllegalArgumentException("classes must be >= 2, got " + classes);
            }
            Objects.requireNonNull(recurrent, "recurrent");
            Objects.requireNonNull(pooling, "pooling");
        }
    }

    private SequenceClassifier(SequenceClassifierConfig config, Backend backend) {
        this.config = config;
        SplittableRandom seeds = new SplittableRandom(config.seed());
        this.encoder = new SequenceEncoder(config.features(), config.recurrent(), config.pooling(), backend,
                seeds.nextLong());
        this.head = new Linear("head", encoder.width(), config.classes(), Kernels.of(backend), seeds.nextLong());
        this.crossEntropy = new CrossEntropy(Kernels.of(backend));
        this.parameters = Parameters.of(encoder.recurrent(), head);
    }

    public static SequenceClassifier create(SequenceClassifierConfig config, Backend backend) {
        return new SequenceClassifier(Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(backend, "backend"));
    }

    public static Builder builder(int features, int classes) {
        return new Builder(features, classes);
    }

    public SequenceClassifierConfig config() {
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
    public TrainingPass forward(ClassificationBatch batch) {
        SequenceEncoder.Pass encoded = encoder.forward(batch.sequences(), Propagation.TRAINING);   // [N, W]
        Linear.Pass logits = head.forward(encoded.output());                                       // [N, C]
        CrossEntropy.Pass loss = crossEntropy.forward(logits.output(), batch.labels(), null);
        return new ModelPass(loss.loss(), encoded.rnn().finalState(), () -> {
            Tensor dLogits = crossEntropy.backward(loss);                                          // [N, C]
            Tensor dEncoded = head.backward(logits, dLogits);                                      // [N, W]
            encoder.backward(encoded, dEncoded);
        });
    }

    @Override
    public LossValue evaluate(ClassificationBatch batch) {
        return crossEntropy.forward(logits(batch.sequences()), batch.labels(), null).loss();
    }

    /** The class scores [N, C] of each sequence, in the current scope. */
    public Tensor logits(SequenceBatch sequences) {
        return head.forward(encoder.forward(sequences, Propagation.INFERENCE).output()).output();
    }

    /** The likeliest class of each sequence. */
    public int[] predict(SequenceBatch sequences) {
        try (TensorScope scope = TensorScope.open()) {
            float[] scores = logits(sequences).toFloatArray();                                    // [N, C]
            int[] out = new int[sequences.batch()];
            for (int n = 0; n < out.length; n++) {
                float[] row = new float[config.classes()];
                System.arraycopy(scores, n * row.length, row, 0, row.length);
                out[n] = Sampling.greedy(row);
            }
            return out;
        }
    }

    /**
     * Saves this model to {@code directory}: {@code model.safetensors} and {@code config.json} with its
     * config and provenance (see {@link #load}).
     */
    public void save(Path directory) throws IOException {
        ModelFile.save(directory, "SequenceClassifier", config, config.seed(), backend(), parameters);
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
        return ModelFile.load(directory, "SequenceClassifier", SequenceClassifierConfig.class, backend, SequenceClassifier::create, m -> m.parameters,
                SequenceClassifier::close);
    }

    @Override
    public void close() {
        encoder.close();
        head.close();
    }

    /** Builder: {@code SequenceClassifier.builder(F, C).recurrent(Recurrent.gru(64)).pooling(Pooling.MEAN).build()}. */
    public static final class Builder {
        private final int features;
        private final int classes;
        private RecurrentSpec recurrent = Recurrent.lstm(64);
        private Pooling pooling = Pooling.LAST;
        private long seed;
        private Backend backend;

        private Builder(int features, int classes) {
            this.features = features;
            this.classes = classes;
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

        public SequenceClassifier build() {
            return create(new SequenceClassifierConfig(features, classes, recurrent, pooling, seed),
                    backend != null ? backend : RnnEngines.defaultBackend());
        }
    }
}
