package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;

import org.rnn4j.RnnConfig;
import org.rnn4j.infer.Sampling;
import org.rnn4j.infer.StatefulRnn;
import org.rnn4j.nn.CrossEntropy;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.Embedding;
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
 * Many-to-many, aligned: embedding → recurrent → dropout → linear over the vocabulary, trained on
 * next-token cross-entropy with per-step masks; generates step by step with {@link StatefulRnn}.
 * Parameters {@code embedding.weight}, {@code rnn.*}, {@code head.weight}, {@code head.bias}.
 */
public final class LanguageModel implements Chunkable<TokenBatch>, AutoCloseable {
    private final LanguageModelConfig config;
    private final Embedding embedding;
    private final Recurrent recurrent;
    private final Dropout dropout;
    private final Linear head;
    private final CrossEntropy crossEntropy;
    private final List<Parameter> parameters;

    /**
     * The model's shape and how it starts.
     *
     * @param vocabularySize V, > 0
     * @param embeddingSize  E, > 0
     * @param recurrent      the recurrent layer (left to right); its dropout also applies to its output
     * @param seed           seeds the initial parameters
     */
    public record LanguageModelConfig(int vocabularySize, int embeddingSize, RecurrentSpec recurrent, long seed) {
        public LanguageModelConfig {
            ModelChecks.positive("vocabulary size", vocabularySize);
            ModelChecks.positive("embedding size", embeddingSize);
            Objects.requireNonNull(recurrent, "recurrent");
            if (recurrent.direction().count() != 1) {
                throw new IllegalArgumentException("a language model reads left to right, got " + recurrent.direction());
            }
        }
    }

    private LanguageModel(LanguageModelConfig config, Backend backend) {
        this.config = config;
        Kernels kernels = Kernels.of(backend);
        SplittableRandom seeds = new SplittableRandom(config.seed());
        this.embedding = new Embedding("embedding", config.vocabularySize(), config.embeddingSize(), kernels,
                seeds.nextLong());
        this.recurrent = new Recurrent("rnn", config.recurrent().toConfig(config.embeddingSize()), backend,
                seeds.nextLong());
        this.dropout = new Dropout(config.recurrent().dropout(), kernels);
        this.head = new Linear("head", config.recurrent().outputWidth(), config.vocabularySize(), kernels,
                seeds.nextLong());
        this.crossEntropy = new CrossEntropy(kernels);
        this.parameters = Parameters.of(embedding, recurrent, head);
    }

    /** A model with fresh parameters from {@code config}, on {@code backend}. */
    public static LanguageModel create(LanguageModelConfig config, Backend backend) {
        return new LanguageModel(Objects.requireNonNull(config, "config"), Objects.requireNonNull(backend, "backend"));
    }

    public static Builder builder(int vocabularySize) {
        return new Builder(vocabularySize);
    }

    public LanguageModelConfig config() {
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
    public TrainingPass forward(TokenBatch batch) {
        return forward(batch, null);
    }

    @Override
    public TrainingPass forward(TokenBatch batch, RnnState initial) {
        int steps = batch.steps(), n = batch.batch();
        Embedding.Pass embedded = embedding.forward(batch.inputs(), steps, n);              // [T, N, E]
        Recurrent.Pass rnn = recurrent.forward(embedded.output(), States.startingFrom(initial,
                RecurrentOptions.training().lengths(batch.engineLengths())));                // [T, N, H]
        Dropout.Pass dropped = dropout.forward(rnn.output(), Propagation.TRAINING);          // [T, N, H]
        Linear.Pass logits = head.forward(dropped.output());                                 // [T, N, V]
        CrossEntropy.Pass loss = crossEntropy.forward(logits.output(), batch.targets(), batch.mask());
        return new ModelPass(loss.loss(), rnn.finalState(), () -> {
            Tensor dLogits = crossEntropy.backward(loss);                                   // [T, N, V]
            Tensor dDropped = head.backward(logits, dLogits);                               // [T, N, H]
            Tensor dHidden = dropout.backward(dropped, dDropped);                           // [T, N, H]
            Tensor dEmbedded = recurrent.backward(rnn, dHidden).inputGradient();      // [T, N, E]
            embedding.backward(embedded, dEmbedded);
        });
    }

    @Override
    public LossValue evaluate(TokenBatch batch) {
        return evaluate(batch, null).loss();
    }

    @Override
    public Evaluation evaluate(TokenBatch batch, RnnState initial) {
        Embedding.Pass embedded = embedding.forward(batch.inputs(), batch.steps(), batch.batch());    // [T, N, E]
        Recurrent.Pass rnn = recurrent.forward(embedded.output(), States.startingFrom(initial,
                RecurrentOptions.inference().lengths(batch.engineLengths())));                        // [T, N, H]
        Linear.Pass logits = head.forward(rnn.output());                                              // [T, N, V]
        LossValue loss = crossEntropy.forward(logits.output(), batch.targets(), batch.mask()).loss();
        return new Evaluation(loss, rnn.finalState());
    }

    /**
     * Feeds {@code prompt} (at least one id) one token at a time, then generates {@code count} tokens,
     * each sampled from softmax(logits / temperature) over the {@code topK} likeliest (topK ≤ 0: all);
     * temperature 0 picks the likeliest (greedy). The same seed gives the same tokens.
     */
    public int[] generate(int[] prompt, int count, double temperature, int topK, long seed) {
        Objects.requireNonNull(prompt, "prompt");
        if (prompt.length == 0) {
            throw new IllegalArgumentException("prompt must hold at least one token");
        }
        if (count < 0 || !(temperature >= 0)) {
            throw new IllegalArgumentException("count must be >= 0 and temperature >= 0, got " + count + ", "
                    + temperature);
        }
        Random random = new Random(seed);
        int[] out = new int[count];
        try (StatefulRnn stream = recurrent.stateful(1)) {
            float[] logits = null;
            for (int id : prompt) {
                logits = step(stream, id);
            }
            for (int i = 0; i < count; i++) {
                out[i] = temperature == 0 ? Sampling.greedy(logits) : Sampling.sample(logits, temperature, topK, random);
                logits = step(stream, out[i]);
            }
        }
        return out;
    }

    /** Advances the stream by one token; returns the logits [V] of the next. */
    private float[] step(StatefulRnn stream, int id) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor embedded = embedding.forward(new long[] {id}, 1).output();                 // [1, E]
            float[] hidden = stream.step(embedded.toFloatArray());                            // [1, H]
            return head.forward(Tensor.of(hidden, 1, hidden.length)).output().toFloatArray(); // [V]
        }
    }

    @Override
    public RnnConfig recurrentConfig() {
        return recurrent.config();
    }

    @Override
    public int steps(TokenBatch batch) {
        return batch.steps();
    }

    @Override
    public int[] lengths(TokenBatch batch) {
        return batch.lengths();
    }

    @Override
    public TokenBatch slice(TokenBatch batch, int from, int to) {
        return batch.slice(from, to);
    }

    /**
     * Saves this model to {@code directory}: {@code model.safetensors} and {@code config.json} with its
     * config and provenance (see {@link #load}).
     */
    public void save(Path directory) throws IOException {
        ModelFile.save(directory, "LanguageModel", config, config.seed(), backend(), parameters);
    }

    /** Loads a model saved by {@link #save} on the default backend. */
    public static LanguageModel load(Path directory) throws IOException {
        return load(directory, RnnEngines.defaultBackend());
    }

    /**
     * Loads a model saved by {@link #save} on {@code backend}, after checking the format, the config,
     * the weights' checksum and every tensor's name and shape.
     *
     * @throws org.rnn4j.io.CorruptFileException naming the file and what is wrong
     */
    public static LanguageModel load(Path directory, Backend backend) throws IOException {
        return ModelFile.load(directory, "LanguageModel", LanguageModelConfig.class, backend, LanguageModel::create, m -> m.parameters,
                LanguageModel::close);
    }

    @Override
    public void close() {
        embedding.close();
        recurrent.close();
        head.close();
    }

    /** Builder: {@code LanguageModel.builder(V).embedding(64).recurrent(Recurrent.lstm(512).layers(2)).build()}. */
    public static final class Builder {
        private final int vocabularySize;
        private int embeddingSize = 32;
        private RecurrentSpec recurrent = Recurrent.lstm(128);
        private long seed;
        private Backend backend;

        private Builder(int vocabularySize) {
            this.vocabularySize = vocabularySize;
        }

        /** E (default 32). */
        public Builder embedding(int size) {
            this.embeddingSize = size;
            return this;
        }

        /** The recurrent layer (default {@code Recurrent.lstm(128)}). */
        public Builder recurrent(RecurrentSpec spec) {
            this.recurrent = Objects.requireNonNull(spec, "recurrent");
            return this;
        }

        /** Seeds the initial parameters (default 0). */
        public Builder seed(long newSeed) {
            this.seed = newSeed;
            return this;
        }

        /** The backend (default {@link RnnEngines#defaultBackend()}). */
        public Builder backend(Backend newBackend) {
            this.backend = Objects.requireNonNull(newBackend, "backend");
            return this;
        }

        public LanguageModel build() {
            return create(new LanguageModelConfig(vocabularySize, embeddingSize, recurrent, seed),
                    backend != null ? backend : RnnEngines.defaultBackend());
        }
    }
}
