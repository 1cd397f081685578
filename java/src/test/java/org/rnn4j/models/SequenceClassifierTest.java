package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.backend.Backend;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.Dataset;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Trainer;
import org.rnn4j.optim.Adam;

/**
 * Many-to-one: the sign of the sum of a sequence of 2–10 values (variable lengths in every batch);
 * the loss starts near log 2 ≈ 0.69 and must fall below 0.3, with 85% of held-out sequences right.
 * One-to-one (T = 1): whether x1·x2 > 0, which needs the hidden nonlinearity.
 */
class SequenceClassifierTest {

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void learnsTheSignOfASumOverVariableLengths(Pooling pooling) {
        Random random = new Random(3);
        List<ClassificationBatch> train = Tasks.signOfSum(random, 16, 32, 2, 10);
        List<ClassificationBatch> validation = Tasks.signOfSum(random, 4, 32, 2, 10);
        RecurrentSpec spec = pooling == Pooling.LAST ? Recurrent.gru(16) : Recurrent.lstm(16).bidirectional();
        try (TensorScope scope = TensorScope.open();
             SequenceClassifier model = SequenceClassifier.builder(1, 2).recurrent(spec).pooling(pooling).seed(1)
                     .backend(Backend.NATIVE).build();
             Trainer<ClassificationBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(1e-2)).clipNorm(5).build()) {
            double before = trainer.evaluate(Dataset.of(validation)).mean();
            trainer.fit(train, validation, Epochs.of(10));
            double after = trainer.evaluate(Dataset.of(validation)).mean();
            assertTrue(before > 0.6, "initial loss " + before);
            assertTrue(after < 0.3, pooling + ": final loss " + after + " (from " + before + ")");
            assertTrue(Tasks.accuracy(model, validation) > 0.85, "accuracy " + Tasks.accuracy(model, validation));
        }
    }

    @Test
    void oneToOneIsTheCaseOfOneStep() {
        Random random = new Random(5);
        List<ClassificationBatch> train = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            List<float[][]> xs = Tasks.sequences(random, 32, 1, 1, 2);            // T = 1, F = 2
            long[] labels = new long[32];
            for (int i = 0; i < 32; i++) {
                labels[i] = xs.get(i)[0][0] * xs.get(i)[0][1] > 0 ? 1 : 0;
            }
            train.add(new ClassificationBatch(SequenceBatch.of(xs), labels));
        }
        try (TensorScope scope = TensorScope.open();
             SequenceClassifier model = SequenceClassifier.builder(2, 2).recurrent(Recurrent.rnn(16)).seed(2)
                     .backend(Backend.NATIVE).build();
             Trainer<ClassificationBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(3e-2)).build()) {
            double before = trainer.evaluate(Dataset.of(train)).mean();
            trainer.fit(train, null, Epochs.of(15));
            double after = trainer.evaluate(Dataset.of(train)).mean();
            assertTrue(after < 0.3 && after < before / 2, "loss " + before + " → " + after);
            assertEquals(1, train.get(0).sequences().steps());
        }
    }
}
