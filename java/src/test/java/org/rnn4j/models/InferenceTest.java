package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnn4j.backend.Backend;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.infer.ModelStream;
import org.rnn4j.infer.Sampling;
import org.rnn4j.nn.Recurrent;

/** Inference on every model: per-step logits and probabilities, predictions, and whole-model streams. */
class InferenceTest {
    private static final double TOLERANCE = 1e-5;

    @Test
    void languageModelLogitsPerStepEqualItsStream() {
        int[] text = {0, 1, 0, 2, 0};
        try (LanguageModel model = LanguageModel.builder(4).embedding(3).recurrent(Recurrent.lstm(5).layers(2))
                .seed(1).backend(Backend.NATIVE).build()) {
            float[][] logits = model.logits(text);
            float[][] probabilities = model.probabilities(text);
            assertEquals(text.length, logits.length, "T rows");
            try (ModelStream stream = model.stream(1)) {
                for (int t = 0; t < text.length; t++) {
                    assertEquals(4, logits[t].length, "V columns");
                    assertClose("logits at " + t, logits[t], stream.step(new int[] {text[t]})[0]);
                    assertSumsToOne(probabilities[t]);
                    assertEquals(Sampling.greedy(logits[t]), Sampling.greedy(probabilities[t]), "same argmax");
                }
            }
        }
    }

    @Test
    void classifierProbabilitiesAndItsStreamAfterTheLastStep() {
        List<float[][]> sequences = Tasks.sequences(new Random(2), 3, 4, 4, 2);        // all of T = 4 steps
        SequenceBatch batch = SequenceBatch.of(sequences);
        for (Pooling pooling : Pooling.values()) {
            try (SequenceClassifier model = SequenceClassifier.builder(2, 3).recurrent(Recurrent.gru(4)).pooling(pooling)
                    .seed(3).backend(Backend.NATIVE).build()) {
                float[][] logits = model.logits(batch);
                float[][] probabilities = model.probabilities(batch);
                int[] predicted = model.predict(batch);
                for (int n = 0; n < 3; n++) {
                    assertSumsToOne(probabilities[n]);
                    assertEquals(Sampling.greedy(probabilities[n]), predicted[n], "predict is the likeliest class");
                }
                float[][] streamed = streamed(model.stream(3), sequences, 4);
                for (int n = 0; n < 3; n++) {
                    assertClose(pooling + " stream of sequence " + n, logits[n], streamed[n]);
                }
            }
        }
    }

    @Test
    void regressorPredictionsAndItsStreamAfterTheLastStep() {
        List<float[][]> sequences = Tasks.sequences(new Random(4), 2, 3, 3, 1);
        SequenceBatch batch = SequenceBatch.of(sequences);
        try (SequenceRegressor model = SequenceRegressor.builder(1, 2).recurrent(Recurrent.lstm(3)).pooling(Pooling.MEAN)
                .seed(5).backend(Backend.JVM).build()) {
            float[][] rows = model.predictions(batch);
            float[] flat = model.predict(batch);
            float[][] streamed = streamed(model.stream(2), sequences, 3);
            for (int n = 0; n < 2; n++) {
                assertArrayEquals(new float[] {flat[2 * n], flat[2 * n + 1]}, rows[n]);
                assertClose("stream of sequence " + n, rows[n], streamed[n]);
            }
        }
    }

    @Test
    void taggerProbabilitiesPerRealStepEqualItsStream() {
        List<float[][]> sequences = Tasks.sequences(new Random(6), 2, 2, 4, 2);       // lengths differ
        SequenceBatch batch = SequenceBatch.of(sequences);
        try (SequenceTagger model = SequenceTagger.builder(2, 3).recurrent(Recurrent.rnn(4)).seed(7)
                .backend(Backend.NATIVE).build()) {
            float[][][] probabilities = model.probabilities(batch);
            int[][] tags = model.predict(batch);
            for (int n = 0; n < 2; n++) {
                assertEquals(sequences.get(n).length, probabilities[n].length, "one row per real step");
                try (ModelStream stream = model.stream(1)) {
                    for (int t = 0; t < sequences.get(n).length; t++) {
                        float[][] step = SequentialModel.softmax(stream.step(new float[][] {sequences.get(n)[t]}));
                        assertClose("sequence " + n + " step " + t, probabilities[n][t], step[0]);
                        assertSumsToOne(probabilities[n][t]);
                        assertEquals(Sampling.greedy(probabilities[n][t]), tags[n][t]);
                    }
                }
            }
        }
    }

    @Test
    void decoderStreamsDecodeAsGenerateAndGreedyDo() {
        try (OneToMany oneToMany = OneToMany.builder(2, 5).embedding(3).recurrent(Recurrent.lstm(4).layers(2)).bos(0)
                .eos(1).seed(8).backend(Backend.NATIVE).build();
             Seq2Seq seq2seq = Seq2Seq.builder(4, 5).embedding(3).recurrent(Recurrent.gru(4)).bos(0).eos(1).seed(9)
                     .backend(Backend.NATIVE).build()) {
            float[][] vectors = {{1, 0}, {-1, 2}};
            try (ModelStream stream = oneToMany.stream(vectors)) {
                int[][] decoded = greedy(stream, 6);
                for (int n = 0; n < 2; n++) {
                    assertArrayEquals(oneToMany.generate(vectors[n], 6, 0, 0, 0), decoded[n], "vector " + n);
                }
            }
            List<int[]> sources = List.of(new int[] {1, 2, 3}, new int[] {3});
            try (ModelStream stream = seq2seq.stream(sources)) {
                int[][] decoded = greedy(stream, 6);
                for (int n = 0; n < 2; n++) {
                    assertArrayEquals(seq2seq.greedy(sources.get(n), 6), decoded[n], "source " + n);
                }
                stream.reset();
                assertArrayEquals(decoded, greedy(stream, 6), "a reset returns to each source's encoding");
            }
        }
    }

    /** Greedy decoding of every stream from bos (0) until eos (1, left out) or {@code maxLength} tokens. */
    private static int[][] greedy(ModelStream stream, int maxLength) {
        int n = stream.streams();
        List<List<Integer>> out = new ArrayList<>();
        boolean[] ended = new boolean[n];
        int[] last = new int[n];
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        for (int t = 0; t < maxLength; t++) {
            float[][] logits = stream.step(last);
            for (int i = 0; i < n; i++) {
                last[i] = Sampling.greedy(logits[i]);
                ended[i] |= last[i] == 1;
                if (!ended[i]) {
                    out.get(i).add(last[i]);
                }
            }
        }
        return out.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    @Test
    void streamsNeedALeftToRightLayerAndCloseForGood() {
        try (SequenceTagger model = SequenceTagger.builder(2, 3).recurrent(Recurrent.gru(2).bidirectional())
                .backend(Backend.JVM).build()) {
            assertThrows(IllegalArgumentException.class, () -> model.stream(1));
        }
        try (LanguageModel model = LanguageModel.builder(3).recurrent(Recurrent.gru(2)).backend(Backend.JVM).build()) {
            ModelStream stream = model.stream(2);
            assertThrows(IllegalArgumentException.class, () -> stream.step(new int[] {1}), "one id per stream");
            stream.close();
            assertThrows(IllegalStateException.class, () -> stream.step(new int[] {1, 2}));
        }
    }

    /** Feeds every sequence (all of {@code steps} steps) step by step; returns the outputs after the last. */
    private static float[][] streamed(ModelStream stream, List<float[][]> sequences, int steps) {
        try (stream) {
            float[][] out = null;
            for (int t = 0; t < steps; t++) {
                float[][] inputs = new float[sequences.size()][];
                for (int n = 0; n < inputs.length; n++) {
                    inputs[n] = sequences.get(n)[t];
                }
                out = stream.step(inputs);
            }
            return out;
        }
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE, what + "[" + i + "]");
        }
    }

    private static void assertSumsToOne(float[] probabilities) {
        double sum = 0;
        for (float p : probabilities) {
            sum += p;
        }
        assertEquals(1, sum, 1e-5, "probabilities sum to 1");
    }
}
