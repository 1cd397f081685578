package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rnn4j.RnnConfig;
import org.rnn4j.infer.Sampling;
import org.rnn4j.nn.CrossEntropy;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Parameters;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentOptions;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.Chunkable;
import org.rnn4j.train.TrainingPass;

/**
 * Many-to-many, aligned over features: features [T, N, F] → recurrent (either direction) → dropout →
 * linear over the tags at every step, trained on cross-entropy masked to each sequence's real steps.
 * Truncated BPTT needs a unidirectional layer. Parameters {@code rnn.*}, {@code head.weight},
 * {@code head.bias}.
 */
public final class SequenceTagger implements Chunkable<TaggedBatch>, AutoCloseable {
    private final SequenceTaggerConfig config;
    private final Recurrent recurrent;
    private final Dropout dropout;
    private final Linear head;
    private final CrossEntropy crossEntropy;
    private final List<Parameter> parameters;

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
            ModelChecks.positive("features", features);
            if (tags < 2) {
                throw new IllegalArgumentException("tags must be >= 2, got " + tags);
            }
            Objects.requireNonNull(recurrent, "recurrent");
        }
    }

    private SequenceTagger(SequenceTaggerConfig config, Backend backend) {
        this.config = config;
        Kernels kernels = Kernels.of(backend);
        SplittableRandom seeds = new SplittableRandom(config.seed());
        this.recurrent = new Recurrent("rnn", config.recurrent().toConfig(config.features()), backend, seeds.nextLong());
        this.dropout = new Dropout(config.recurrent().dropout(), kernels);
        this.head = new Linear("head", config.recurrent().outputWidth(), config.tags(), kernels, seeds.nextLong());
        this.crossEntropy = new CrossEntropy(kernels);
        this.parameters = Parameters.of(recurrent, head);
    }

    public static SequenceTagger create(SequenceTaggerConfig config, Backend backend) {
        return new SequenceTagger(Objects.requireNonNull(config, "config"), Objects.requireNonNull(backend, "backend"));
    }

    public static Builder builder(int features, int tags) {
        return new Builder(features, tags);
    }

    public SequenceTaggerConfig config() {
        return config;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Backend backend() {
        return recurrent.backend();
    }

    @Override
    public void seed(long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        recurrent.seed(seeds.nextLong());
        dropout.seed(seeds.nextLong());
    }

    @Override
    public TrainingPass forward(TaggedBatch batch) {
        return forward(batch, null);
    }

    @Override
    public TrainingPass forward(TaggedBatch batch, RnnState initial) {
        Recurrent.Pass rnn = recurrent.forward(batch.toTensor(), States.startingFrom(initial,
                RecurrentOptions.training().lengths(batch.engineLengths())));                // [T, N, O]
        Dropout.Pass dropped = dropout.forward(rnn.output(), Propagation.TRAINING);          // [T, N, O]
        Linear.Pass logits = head.forward(dropped.output());                                 // [T, N, C]
        CrossEntropy.Pass loss = crossEntropy.forward(logits.output(), batch.tags(), batch.mask());
        return new ModelPass(loss.loss(), rnn.finalState(), () -> {
            Tensor dLogits = crossEntropy.backward(loss);                                   // [T, N, C]
            Tensor dDropped = head.backward(logits, dLogits);                               // [T, N, O]
            recurrent.backward(rnn, dropout.backward(dropped, dDropped));
        });
    }

    @Override
    public LossValue evaluate(TaggedBatch batch) {
        return evaluate(batch, null).loss();
    }

    @Override
    public Evaluation evaluate(TaggedBatch batch, RnnState initial) {
        Recurrent.Pass rnn = recurrent.forward(batch.toTensor(), States.startingFrom(initial,
                RecurrentOptions.inference().lengths(batch.engineLengths())));               // [T, N, O]
        Linear.Pass logits = head.forward(rnn.output());                                     // [T, N, C]
        return new Evaluation(crossEntropy.forward(logits.output(), batch.tags(), batch.mask()).loss(),
                rnn.finalState());
    }

    /** The likeliest tag at every step [T, N] (0 past each sequence's end). */
    public int[] predict(TaggedBatch batch) {
        try (TensorScope scope = TensorScope.open()) {
            Recurrent.Pass rnn = recurrent.forward(batch.toTensor(),
                    RecurrentOptions.inference().lengths(batch.engineLengths()));
            float[] scores = head.forward(rnn.output()).output().toFloatArray();            // [T, N, C]
            int n = batch.batch(), c = config.tags();
            int[] lengths = batch.lengths();
            int[] out = new int[batch.steps() * n];
            float[] row = new float[c];
            for (int t = 0; t < batch.steps(); t++) {
                for (int i = 0; i < n; i++) {
                    if (t < lengths[i]) {
                        System.arraycopy(scores, (t * n + i) * c, row, 0, c);
                        out[t * n + i] = Sampling.greedy(row);
                    }
                }
            }
            return out;
        }
    }

    @Override
    public RnnConfig recurrentConfig() {
        return recurrent.config();
    }

    @Override
    public int steps(TaggedBatch batch) {
        return batch.steps();
    }

    @Override
    public int[] lengths(TaggedBatch batch) {
        return batch.lengths();
    }

    @Override
    public TaggedBatch slice(TaggedBatch batch, int from, int to) {
        return batch.slice(from, to);
    }

    /**
     * Saves this model to {@code directory}: {@code model.safetensors} and {@code config.json} with its
     * config and provenance (see {@link #load}).
     */
    public void save(Path directory) throws IOException {
        ModelFile.save(directory, "SequenceTagger", config, config.seed(), backend(), parameters);
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
        return ModelFile.load(directory, "SequenceTagger", SequenceTaggerConfig.class, backend, SequenceTagger::create, m -> m.parameters,
                SequenceTagger::close);
    }

    @Override
    public void close() {
        recurrent.close();
        head.close();
    }

    /** Builder: {@code SequenceTagger.builder(F, C).recurrent(Recurrent.lstm(64).bidirectional()).build()}. */
    public static final class Builder {
        private final int features;
        private final int tags;
        private RecurrentSpec recurrent = Recurrent.lstm(64);
        private long seed;
        private Backend backend;

        private Builder(int features, int tags) {
            this.features = features;
            this.tags = tags;
        }

        /** The recurrent layer (default {@code Recurrent.lstm(64)}). */
        public Builder recurrent(RecurrentSpec spec) {
            this.recurrent = Objects.requireNonNull(spec, "recurrent");
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

        public SequenceTagger build() {
            return create(new SequenceTaggerConfig(features, tags, recurrent, seed),
                    backend != null ? backend : RnnEngines.defaultBackend());
        }
    }
}
