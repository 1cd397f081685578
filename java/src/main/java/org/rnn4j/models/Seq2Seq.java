package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;

import org.rnn4j.Checks;
import org.rnn4j.infer.ModelStream;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Parameters;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentBlock;
import org.rnn4j.nn.SequenceContext;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.TrainingPass;

/**
 * Encoder–decoder: source tokens → embedding → recurrent encoder, whose final state (after each
 * source's last real token) starts a token decoder of the same recurrent shape. Trained with teacher
 * forcing; decodes greedily, by sampling or by beam search. Parameters {@code encoder.embedding.weight},
 * {@code encoder.rnn.*}, {@code decoder.embedding.weight}, {@code decoder.rnn.*}, {@code decoder.head.*}.
 */
public final class Seq2Seq implements Model<Seq2SeqBatch> {
    private final Seq2SeqConfig config;
    private final Embedding sourceEmbedding;
    private final RecurrentBlock encoder;
    private final Decoder decoder;
    private final List<Parameter> parameters;

    /**
     * The model's shape and how it starts.
     *
     * @param sourceVocabularySize source V, > 0
     * @param targetVocabularySize target V, > 0, holding bos and eos
     * @param embeddingSize        E of both embeddings, > 0
     * @param recurrent            the encoder's and the decoder's recurrent layers (left to right)
     * @param bos                  the target token that starts decoding
     * @param eos                  the target token that ends a sequence
     * @param seed                 seeds the initial parameters
     */
    public record Seq2SeqConfig(int sourceVocabularySize, int targetVocabularySize, int embeddingSize,
                                RecurrentSpec recurrent, int bos, int eos, long seed) {
        public Seq2SeqConfig {
            Checks.positive("source vocabulary size", sourceVocabularySize);
            Checks.positive("target vocabulary size", targetVocabularySize);
            Checks.positive("embedding size", embeddingSize);
            ModelChecks.decoder(recurrent, targetVocabularySize, bos, eos);
        }
    }

    private Seq2Seq(Seq2SeqConfig config, Backend backend) {
        this.config = config;
        SplittableRandom seeds = new SplittableRandom(config.seed());
        this.sourceEmbedding = new Embedding("encoder.embedding", config.sourceVocabularySize(), config.embeddingSize(),
                Kernels.of(backend), seeds.nextLong());
        this.encoder = new RecurrentBlock("encoder.rnn", config.recurrent(), config.embeddingSize(), backend,
                seeds.nextLong());
        this.decoder = new Decoder(config.targetVocabularySize(), config.embeddingSize(), config.recurrent(), backend,
                seeds);
        this.parameters = Parameters.join(Parameters.of(sourceEmbedding, encoder), decoder.parameters());
    }

    public static Seq2Seq create(Seq2SeqConfig config, Backend backend) {
        return new Seq2Seq(Objects.requireNonNull(config, "config"), Objects.requireNonNull(backend, "backend"));
    }

    public static Builder builder(int sourceVocabularySize, int targetVocabularySize) {
        return new Builder(sourceVocabularySize, targetVocabularySize);
    }

    public Seq2SeqConfig config() {
        return config;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Backend backend() {
        return encoder.backend();
    }

    @Override
    public void seed(long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        encoder.seed(seeds.nextLong());
        decoder.seed(seeds.nextLong());
    }

    @Override
    public TrainingPass forward(Seq2SeqBatch batch) {
        TokenBatch sources = batch.sources();
        Embedding.Pass embedded = sourceEmbedding.forward(sources.inputs(), sources.steps(), sources.batch()); // [S, N, E]
        RecurrentBlock.Pass encoded = encoder.forward(embedded.output(), new SequenceContext(sources.engineLengths(),
                Propagation.TRAINING, Map.of()));                                                     // state [L, 1, N, H]
        Decoder.Pass decoded = decoder.forward(batch.targets(), encoded.finalState());      // [T, N, V]
        return new ModelPass(decoded.loss().loss(), decoded.rnn().finalState(), () -> {
            RnnState dState = decoder.backward(decoded);                                    // d state [L, 1, N, H]
            Recurrent.InputGradients back = encoder.backward(encoded, null, dState);                     // dx [S, N, E]
            sourceEmbedding.backward(embedded, back.inputGradient());
        });
    }

    /** The teacher-forced loss over {@code batch} in inference; releases its temporaries. */
    @Override
    public LossValue evaluate(Seq2SeqBatch batch) {
        try (TensorScope scope = TensorScope.open()) {
            return decoder.evaluate(batch.targets(), encode(batch.sources()));
        }
    }

    /** The likeliest target of {@code source} step by step, until eos (left out) or {@code maxLength}. */
    public int[] greedy(int[] source, int maxLength) {
        return sample(source, maxLength, 0, 0, 0);
    }

    /** A target sampled from softmax(logits / temperature) over the {@code topK} likeliest (≤ 0: all). */
    public int[] sample(int[] source, int maxLength, double temperature, int topK, long seed) {
        try (TensorScope scope = TensorScope.open()) {
            return Decoding.sample(decoder, encode(TokenBatch.of(List.of(source))), config.bos(), config.eos(),
                    maxLength, temperature, topK, new Random(seed));
        }
    }

    /** The most likely target found by a beam search of width {@code beamWidth} (see {@link Decoding#beamSearch}). */
    public int[] beamSearch(int[] source, int beamWidth, int maxLength) {
        try (TensorScope scope = TensorScope.open()) {
            return Decoding.beamSearch(decoder, encode(TokenBatch.of(List.of(source))), config.bos(), config.eos(),
                    beamWidth, maxLength);
        }
    }

    /**
     * Step-by-step decoding of one stream per source sequence: each stream starts from its source's
     * encoding; feed bos first, then each chosen token ({@code step(int[] ids)}), getting the logits
     * [N][V] of the next. Resetting a stream returns it to its source's encoding. Close it when done.
     */
    public ModelStream stream(List<int[]> sources) {
        try (TensorScope scope = TensorScope.open()) {
            return new ModelStream(decoder.stream(sources.size(), encode(TokenBatch.of(sources))), sources.size());
        }
    }

    /** The encoder's final state for {@code sources}, in inference. */
    private RnnState encode(TokenBatch sources) {
        Embedding.Pass embedded = sourceEmbedding.forward(sources.inputs(), sources.steps(), sources.batch());
        return encoder.forward(embedded.output(), new SequenceContext(sources.engineLengths(), Propagation.INFERENCE,
                Map.of())).finalState();
    }

    @Override
    public long parameterSeed() {
        return config.seed();
    }

    @Override
    public List<RecurrentBlock> recurrentBlocks() {
        return List.of(encoder, decoder.recurrent());
    }

    /** Loads a model saved by {@link #save} on the default backend. */
    public static Seq2Seq load(Path directory) throws IOException {
        return load(directory, RnnEngines.defaultBackend());
    }

    /**
     * Loads a model saved by {@link #save} on {@code backend}, after checking the format, the config,
     * the weights' checksum and every tensor's name and shape.
     *
     * @throws org.rnn4j.io.CorruptFileException naming the file and what is wrong
     */
    public static Seq2Seq load(Path directory, Backend backend) throws IOException {
        return Models.load(directory, backend, Seq2Seq.class);
    }

    @Override
    public void close() {
        sourceEmbedding.close();
        encoder.close();
        decoder.close();
    }

    /**
     * Builder (the recurrent layer {@code Recurrent.lstm(64)} unless set):
     * {@code Seq2Seq.builder(Vs, Vt).embedding(32).recurrent(Recurrent.lstm(128)).bos(0).eos(1).build()}.
     */
    public static final class Builder extends ModelBuilder<Builder, Seq2Seq> {
        private final int sourceVocabularySize;
        private final int targetVocabularySize;
        private int embeddingSize = 32;
        private int bos;
        private int eos = 1;

        private Builder(int sourceVocabularySize, int targetVocabularySize) {
            super(Recurrent.lstm(64));
            this.sourceVocabularySize = sourceVocabularySize;
            this.targetVocabularySize = targetVocabularySize;
        }

        /** E of both embeddings (default 32). */
        public Builder embedding(int size) {
            this.embeddingSize = size;
            return this;
        }

        /** The target start token (default 0). */
        public Builder bos(int id) {
            this.bos = id;
            return this;
        }

        /** The target end token (default 1). */
        public Builder eos(int id) {
            this.eos = id;
            return this;
        }

        @Override
        public Seq2Seq build() {
            return create(new Seq2SeqConfig(sourceVocabularySize, targetVocabularySize, embeddingSize,
                    recurrentSpec(), bos, eos, seedValue()), backendOrDefault());
        }
    }
}
