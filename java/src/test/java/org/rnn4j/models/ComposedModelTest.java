package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.backend.Backend;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.io.CorruptFileException;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.FinalState;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentBlock;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.nn.Sequential;
import org.rnn4j.train.Dataset;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Trainer;
import org.rnn4j.optim.Adam;

/** A user-composed text classifier (the example of {@link Sequential}) trains with the Trainer, saves and restores. */
class ComposedModelTest {
    @TempDir
    Path dir;

    /** ids → embedding → GRU → bidirectional LSTM → final state → linear over 2 classes. */
    private static ComposedModel<ClassificationBatch> textClassifier(long seed) {
        Kernels kernels = Kernels.of(Backend.JVM);
        RecurrentSpec second = Recurrent.lstm(8).bidirectional();
        Sequential network = Sequential.of(
                new Embedding("embedding", 6, 8, kernels, seed),                              // [T, N] → [T, N, 8]
                new RecurrentBlock("rnn1", Recurrent.gru(16), 8, Backend.JVM, seed + 1),      // → [T, N, 16]
                new RecurrentBlock("rnn2", second, 16, Backend.JVM, seed + 2),                // → [T, N, 16]
                new FinalState(second.toConfig(16)),                                         // → [N, 16]
                new Linear("head", 16, 2, kernels, seed + 3));                               // → [N, 2]
        return ComposedModel.of(network, Objective.classification(), Backend.JVM);
    }

    /** Token sequences over {0..5} of lengths 2–6, labelled 1 when they hold a 3. */
    private static List<ClassificationBatch> containsThree(Random random, int batches, int n) {
        List<ClassificationBatch> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<int[]> texts = new ArrayList<>();
            long[] labels = new long[n];
            for (int i = 0; i < n; i++) {
                int[] text = new int[2 + random.nextInt(5)];
                for (int t = 0; t < text.length; t++) {
                    text[t] = random.nextInt(6);
                }
                texts.add(text);
                for (int id : text) {
                    labels[i] |= id == 3 ? 1 : 0;
                }
            }
            out.add(new ClassificationBatch(SequenceBatch.ofTokens(texts), labels));
        }
        return out;
    }

    @Test
    void aComposedTextClassifierLearnsWithoutAHandWrittenBackward() {
        List<ClassificationBatch> train = containsThree(new Random(1), 8, 16);
        try (ComposedModel<ClassificationBatch> model = textClassifier(1);
             Trainer<ClassificationBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(1e-2)).build()) {
            double before = trainer.evaluate(Dataset.of(train)).mean();
            trainer.fit(train, null, Epochs.of(30));
            double after = trainer.evaluate(Dataset.of(train)).mean();
            assertTrue(before > 0.6, "an untrained model is near log 2, got " + before);
            assertTrue(after < 0.15, "the trained loss must fall below 0.15, got " + after);
        }
    }

    @Test
    void savedWeightsRestoreIntoANetworkBuiltTheSameWay() throws IOException {
        ClassificationBatch batch = containsThree(new Random(2), 1, 4).get(0);
        try (ComposedModel<ClassificationBatch> model = textClassifier(5);
             ComposedModel<ClassificationBatch> other = textClassifier(9)) {
            model.save(dir);
            other.restore(dir);
            assertArrayEquals(model.outputs(batch), other.outputs(batch));
            assertThrows(CorruptFileException.class, () -> Models.load(dir), "only the code can build it");
        }
    }
}
