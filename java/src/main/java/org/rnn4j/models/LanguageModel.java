package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;

import org.rnn4j.Checks;
import org.rnn4j.backend.Backend;
import org.rnn4j.infer.ModelStream;
import org.rnn4j.infer.Sampling;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentBlock;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.nn.Sequential;
import org.rnn4j.nn.SequenceContext;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.Chunkable;

/**
 * Many-to-many, aligned: embedding → recurrent → dropout → linear over the vocabulary (a
 * {@link Sequential}), trained on next-token cross-entropy with per-step masks ({@link Objective#nextToken()});
 * per-step logits or probabilities of a text, and generation step by step through {@link #stream}.
 * Parameters {@code embedding.weight}, {@code rnn.*}, {@code head.weight}, {@code head.bias}.
 */
public final class LanguageModel extends SequentialModel<TokenBatch, LanguageModel.LanguageModelConfig>
        implements Chunkable<TokenBatch> {

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
            Checks.positive("vocabulary size", vocabularySize);
            Checks.positive("embedding size", embeddingSize);
            Objects.requireNonNull(recurrent, "recurrent");
            if (recurrent.direction().count() != 1) {
                throw new IllegalArgumentException("a language model reads left to right, got " + recurrent.direction());
            }
        }
    }

    private LanguageModel(LanguageModelConfig config, Backend backend) {
        super(config, config.seed(), network(config, backend), Objective.nextToken(), backend);
    }

    private static Sequential network(LanguageModelConfig config, Backend backend) {
        Kernels kernels = Kernels.of(backend);
        SplittableRandom seeds = new SplittableRandom(config.seed());
        return Sequential.of(
                new Embedding("embedding", config.vocabularySize(), config.embeddingSize(), kernels,
                        seeds.nextLong()),                                                   // [T, N] → [T, N, E]
                new RecurrentBlock("rnn", config.recurrent(), config.embeddingSize(), backend,
                        seeds.nextLong()),                                                   // → [T, N, H]
                new Dropout(config.recurrent().dropout(), kernels),                          // → [T, N, H]
                new Linear("head", config.recurrent().outputWidth(), config.vocabularySize(), kernels,
                        seeds.nextLong(), config.recurrent().precision()));                  // → [T, N, V]
    }

    /** A model with fresh parameters from {@code config}, on {@code backend}. */
    public static LanguageModel create(LanguageModelConfig config, Backend backend) {
        return new LanguageModel(Objects.requireNonNull(config, "config"), Objects.requireNonNull(backend, "backend"));
    }

    public static Builder builder(int vocabularySize) {
        return new Builder(vocabularySize);
    }

    /** The logits [T][V] of the next token after each prefix ids[0..t] of {@code ids} (at least one id). */
    public float[][] logits(int[] ids) {
        Objects.requireNonNull(ids, "ids");
        if (ids.length == 0) {
            throw new IllegalArgumentException("ids must hold at least one token");
        }
        long[] column = new long[ids.length];
        for (int t = 0; t < ids.length; t++) {
            column[t] = ids[t];
        }
        try (TensorScope scope = TensorScope.open()) {
            float[] logits = infer(Objectives.ids(column, ids.length, 1), SequenceContext.inference(null))
                    .toFloatArray();                                                          // [T, 1, V]
            return rows(logits, ids.length);
        }
    }

    /** The probabilities [T][V] of the next token after each prefix of {@code ids}: softmax of {@link #logits}. */
    public float[][] probabilities(int[] ids) {
        return softmax(logits(ids));
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
        try (ModelStream stream = stream(1)) {
            float[] logits = null;
            for (int id : prompt) {
                logits = stream.step(new int[] {id})[0];                                     // [V]
            }
            for (int i = 0; i < count; i++) {
                out[i] = temperature == 0 ? Sampling.greedy(logits) : Sampling.sample(logits, temperature, topK, random);
                logits = stream.step(new int[] {out[i]})[0];
            }
        }
        return out;
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
        return Models.load(directory, backend, LanguageModel.class);
    }

    /**
     * Builder (the recurrent layer {@code Recurrent.lstm(128)} unless set):
     * {@code LanguageModel.builder(V).embedding(64).recurrent(Recurrent.lstm(512).layers(2)).build()}.
     */
    public static final class Builder extends ModelBuilder<Builder, LanguageModel> {
        private final int vocabularySize;
        private int embeddingSize = 32;

        private Builder(int vocabularySize) {
            super(Recurrent.lstm(128));
            this.vocabularySize = vocabularySize;
        }

        /** E (default 32). */
        public Builder embedding(int size) {
            this.embeddingSize = size;
            return this;
        }

        @Override
        public LanguageModel build() {
            return create(new LanguageModelConfig(vocabularySize, embeddingSize, recurrentSpec(), seedValue()),
                    backendOrDefault());
        }
    }
}
