package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;

import org.rnn4j.Checks;
import org.rnn4j.infer.ModelStream;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Parameters;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentBlock;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.TrainingPass;

/**
 * One-to-many generation: a vector [F] → linear "bridge" → the initial hidden state of every layer of
 * a token decoder (c starts at 0 for LSTM) → tokens until eos. Trained with teacher forcing; generates
 * greedily or by sampling. Parameters {@code bridge.*}, {@code decoder.embedding.weight},
 * {@code decoder.rnn.*}, {@code decoder.head.*}.
 */
public final class OneToMany implements Model<OneToManyBatch> {
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
            Checks.positive("features", features);
            Checks.positive("vocabulary size", vocabularySize);
            Checks.positive("embedding size", embeddingSize);
            ModelChecks.decoder(recurrent, vocabularySize, bos, eos);
        }
    }

    private OneToMany(OneToManyConfig config, Backend backend) {
        this.config = config;
        SplittableRandom seeds = new SplittableRandom(config.seed());
        int stateWidth = config.recurrent().layers() * config.recurrent().hiddenSize();
        this.bridge = new Linear("bridge", config.features(), stateWidth, Kernels.of(backend), seeds.nextLong(),
                config.recurrent().precision());
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

    /** The teacher-forced loss over {@code batch} in inference; releases its temporaries. */
    @Override
    public LossValue evaluate(OneToManyBatch batch) {
        try (TensorScope scope = TensorScope.open()) {
            RnnState initial = States.fromRows(bridge.forward(vectors(batch)).output(), decoder.config());
            return decoder.evaluate(batch.targets(), initial);
        }
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

    /**
     * Step-by-step decoding of one stream per vector [N][F]: each stream starts from its vector's state;
     * feed bos first, then each chosen token ({@code step(int[] ids)}), getting the logits [N][V] of the
     * next. Resetting a stream returns it to its vector's state. Close it when done.
     */
    public ModelStream stream(float[][] vectors) {
        Objects.requireNonNull(vectors, "vectors");
        if (vectors.length == 0) {
            throw new IllegalArgumentException("vectors must hold at least one vector");
        }
        float[] flat = new float[vectors.length * config.features()];
        for (int n = 0; n < vectors.length; n++) {
            if (vectors[n].length != config.features()) {
                throw new IllegalArgumentException("vectors[" + n + "] must have F = " + config.features()
                        + " values, got " + vectors[n].length);
            }
            System.arraycopy(vectors[n], 0, flat, n * config.features(), config.features());
        }
        try (TensorScope scope = TensorScope.open()) {
            RnnState initial = States.fromRows(bridge.forward(Tensor.of(flat, vectors.length, config.features()))
                    .output(), decoder.config());                                              // h [L, 1, N, S]
            return new ModelStream(decoder.stream(vectors.length, initial), vectors.length);
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

    @Override
    public long parameterSeed() {
        return config.seed();
    }

    @Override
    public List<RecurrentBlock> recurrentBlocks() {
        return List.of(decoder.recurrent());
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
        return Models.load(directory, backend, OneToMany.class);
    }

    @Override
    public void close() {
        bridge.close();
        decoder.close();
    }

    /**
     * Builder (the recurrent layer {@code Recurrent.lstm(64)} unless set):
     * {@code OneToMany.builder(F, V).embedding(16).recurrent(Recurrent.gru(64)).bos(0).eos(1).build()}.
     */
    public static final class Builder extends ModelBuilder<Builder, OneToMany> {
        private final int features;
        private final int vocabularySize;
        private int embeddingSize = 32;
        private int bos;
        private int eos = 1;

        private Builder(int features, int vocabularySize) {
            super(Recurrent.lstm(64));
            this.features = features;
            this.vocabularySize = vocabularySize;
        }

        /** E (default 32). */
        public Builder embedding(int size) {
            this.embeddingSize = size;
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

        @Override
        public OneToMany build() {
            return create(new OneToManyConfig(features, vocabularySize, embeddingSize, recurrentSpec(), bos, eos,
                    seedValue()), backendOrDefault());
        }
    }
}
