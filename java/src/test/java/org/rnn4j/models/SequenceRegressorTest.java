package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.backend.Backend;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.Dataset;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Trainer;
import org.rnn4j.optim.Adam;

/**
 * Many-to-one regression: the sum and the mean of 2–8 values with variable lengths. The error starts
 * at the variance of the targets (≈ 1) and must fall below a fifth of where it started.
 */
class SequenceRegressorTest {

    @Test
    void learnsTheSumAndTheMeanOverVariableLengths() {
        Random random = new Random(8);
        List<RegressionBatch> train = batches(random, 16);
        List<RegressionBatch> validation = batches(random, 4);
        try (TensorScope scope = TensorScope.open();
             SequenceRegressor model = SequenceRegressor.builder(1, 2).recurrent(Recurrent.lstm(24)).seed(4)
                     .backend(Backend.NATIVE).build();
             Trainer<RegressionBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(1e-2)).clipNorm(5).build()) {
            double before = trainer.evaluate(Dataset.of(validation)).mean();
            trainer.fit(train, validation, Epochs.of(12));
            double after = trainer.evaluate(Dataset.of(validation)).mean();
            assertTrue(after < before / 5, "loss " + before + " → " + after);
            assertEquals(2 * 32, model.predict(validation.get(0).sequences()).length);
        }
    }

    private static List<RegressionBatch> batches(Random random, int count) {
        List<RegressionBatch> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            List<float[][]> s = Tasks.sequences(random, 32, 2, 8, 1);
            float[] targets = new float[2 * 32];
            for (int i = 0; i < 32; i++) {
                targets[2 * i] = (float) Tasks.sum(s.get(i));
                targets[2 * i + 1] = (float) (Tasks.sum(s.get(i)) / s.get(i).length);
            }
            out.add(new RegressionBatch(SequenceBatch.of(s), targets));
        }
        return out;
    }
}
