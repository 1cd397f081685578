package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;

import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Parameters;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.Trainable;
import org.rnn4j.train.TrainingPass;

/**
 * One-to-many generation: a vector [F] → linear "bridge" → the initial hidden state of every layer of
 * a token decoder (c starts at 0 for LSTM) → tokens until eos. Trained with teacher forcing; generates
 * greedily or by sampling. Parameters {@code bridge.*}, {@code decoder.embedding.weight},
 * {@code decoder.rnn.*}, {@code decoder.head.*}.
 */
public final class OneToMany implements Trainable<OneToManyBatch>, AutoCloseable {
    private final OneToManyConfig config;
    private final Linear bridge;
    private final Decoder decoder;
    private final List<Parameter> parameters;

    /**
     * The model's shape and how it starts.
     *
     * @param features       F of the seed vector, > 0
     * @param vocabularySize V, > 0, holding bos and eos
     * @param embeddingSize  E, > 0
     * @param recurrent      the decoder's recurrent layer (left to right)
     * @param bos            the token that starts decoding
     * @param eos            the token that ends a sequence
     * @param seed           seeds the initial parameters
     */
    public record OneToManyConfig(int features, int vocabularySize, int embeddingSize, RecurrentSpec recurrent,
                                  int bos, int eos, long seed) {
        public OneToManyConfig {
            ModelChecks.positive("features", features);
            ModelChecks.positive("vocabulary size", vocabularySize);
            ModelChecks.positive("embedding size", embeddingSize);
            ModelChecks.decoder(recurrent, vocabularySize, bos, eos);
        }
    }

    private OneToMany(OneToManyConfig config, Backend backend) {
        this.config = config;
        SplittableRandom seeds = new SplittableRandom(config.seed());
        int stateWidth = config.recurrent().layers() * config.recurrent().hiddenSize();
        this.bridge = new Linear("bridge", config.features(), stateWidth, Kernels.of(backend), seeds.nextLong());
        this.decoder = new Decoder(config.vocabularySize(), config.embeddingSize(), config.recurrent(), backend, seeds);
        this.parameters = Parameters.join(bridge.parameters(), decoder.parameters());
    }

    public static OneToMany create(OneToManyConfig config, Backend backend) {
        return new OneToMany(Objects.requireNonNull(config, "config"), Objects.requireNonNull(backend, "backend"));
    }

    /** A builder for vectors of {@code features} values generating tokens of {@code vocabularySize}. */
    public static Builder builder(int features, int vocabularySize) {
        return new Builder(features, vocabularySize);
    }

    public OneToManyConfig config() {
        return config;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Backend backend() {
        return decoder.recurrent().backend();
    }

    @Override
    public void seed(long seed) {
        decoder.seed(seed);
    }

    @Override
    public TrainingPass forward(OneToManyBatch batch) {
        Linear.Pass bridged = bridge.forward(vectors(batch));                                  // [N, L·S]
        RnnState initial = States.fromRows(bridged.output(), decoder.config());               // h [L, 1, N, S]
        Decoder.Pass decoded = decoder.forward(batch.targets(), initial);                     // [T, N, V]
        return new ModelPass(decoded.loss().loss(), decoded.rnn().finalState(), () -> {
            RnnState dInitial = decoder.backward(decoded);                                     // dh [L, 1, N, S]
            bridge.backward(bridged, States.toRows(dInitial, decoder.config()));               // [N, L·S]
        });
    }

    @Override
    public LossValue evaluate(OneToManyBatch batch) {
        RnnState initial = States.fromRows(bridge.forward(vectors(batch)).output(), decoder.config());
        return decoder.evaluate(batch.targets(), initial);
    }

    /**
     * The tokens {@code vector} [F] generates, until eos (left out) or {@code maxLength}: the likeliest
     * at each step for temperature 0, else sampled from softmax(logits / temperature) over the
     * {@code topK} likeliest (≤ 0: all), reproducibly for a seed.
     */
    public int[] generate(float[] vector, int maxLength, double temperature, int topK, long seed) {
        try (TensorScope scope = TensorScope.open()) {
            return Decoding.sample(decoder, initial(vector), config.bos(), config.eos(), maxLength, temperature, topK,
                    new Random(seed));
        }
    }

    private RnnState initial(float[] vector) {
        if (vector.length != config.features()) {
            throw new IllegalArgumentException("vector must have F = " + config.features() + " values, got "
                    + vector.length);
        }
        return States.fromRows(bridge.forward(Tensor.of(vector, 1, vector.length)).output(), decoder.config());
    }

    private Tensor vectors(OneToManyBatch batch) {
        if (batch.features() != config.features()) {
            throw new IllegalArgumentException("vectors must have F = " + config.features() + " values, got "
                    + batch.features());
        }
        return Tensor.of(batch.vectors(), batch.targets().batch(), config.features());       // [N, F]
    }

    /**
     * Saves this model to {@code directory}: {@code model.safetensors} and {@code config.json} with its
     * config and provenance (see {@link #load}).
     */
    public void save(Path directory) throws IOException {
        ModelFile.save(directory, "OneToMany", config, config.seed(), backend(), parameters);
    }

    /** Loads a model saved by {@link #save} on the default backend. */
    public static OneToMany load(Path directory) throws IOException {
        return load(directory, RnnEngines.defaultBackend());
    }

    /**
     * Loads a model saved by {@link #save} on {@code backend}, after checking the format, the config,
     * the weights' checksum and every tensor's name and shape.
     *
     * @throws org.rnn4j.io.CorruptFileException naming the file and what is wrong
     */
    public static OneToMany load(Path directory, Backend backend) throws IOException {
        return ModelFile.load(directory, "OneToMany", OneToManyConfig.class, backend, OneToMany::create, m -> m.parameters,
                OneToMany::close);
    }

    @Override
    public void close() {
        bridge.close();
        decoder.close();
    }

    /** Builder: {@code OneToMany.builder(F, V).embedding(16).recurrent(Recurrent.gru(64)).bos(0).eos(1).build()}. */
    public static final class Builder {
        private final int features;
        private final int vocabularySize;
        private int embeddingSize = 32;
        private RecurrentSpec recurrent = Recurrent.lstm(64);
        private int bos;
        private int eos = 1;
        private long seed;
        private Backend backend;

        private Builder(int features, int vocabularySize) {
            this.features = features;
            this.vocabularySize = vocabularySize;
        }

        /** E (default 32). */
        public Builder embedding(int size) {
            this.embeddingSize = size;
            return this;
        }

        /** The decoder's recurrent layer (default {@code Recurrent.lstm(64)}). */
        public Builder recurrent(RecurrentSpec spec) {
            this.recurrent = Objects.requireNonNull(spec, "recurrent");
            return this;
        }

        /** The start token (default 0). */
        public Builder bos(int id) {
            this.bos = id;
            return this;
        }

        /** The end token (default 1). */
        public Builder eos(int id) {
            this.eos = id;
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

        public OneToMany build() {
            return create(new OneToManyConfig(features, vocabularySize, embeddingSize, recurrent, bos, eos, seed),
                    backend != null ? backend : RnnEngines.defaultBackend());
        }
    }
}
