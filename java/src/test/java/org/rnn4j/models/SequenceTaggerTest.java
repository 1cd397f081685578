package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.backend.Backend;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.Dataset;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Trainer;
import org.rnn4j.optim.Adam;

/**
 * Many-to-many aligned: tag each step with the sign of the running sum so far (it needs the state),
 * over sequences of 3–12 steps, with truncated BPTT of 4 steps carrying the state. The loss starts
 * near log 2 and must fall below 0.25, with 90% of held-out steps right.
 */
class SequenceTaggerTest {

    @Test
    void tagsTheSignOfTheRunningSum() {
        Random random = new Random(6);
        List<TaggedBatch> train = batches(random, 16);
        List<TaggedBatch> validation = batches(random, 4);
        try (TensorScope scope = TensorScope.open();
             SequenceTagger model = SequenceTagger.builder(1, 2).recurrent(Recurrent.lstm(24)).seed(2)
                     .backend(Backend.NATIVE).build();
             Trainer<TaggedBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(1e-2)).clipNorm(5)
                     .truncatedBptt(4).build()) {
            double before = trainer.evaluate(Dataset.of(validation)).mean();
            trainer.fit(train, validation, Epochs.of(12));
            double after = trainer.evaluate(Dataset.of(validation)).mean();
            assertTrue(before > 0.5, "initial loss " + before);
            assertTrue(after < 0.25, "final loss " + after + " (from " + before + ")");

            int right = 0, total = 0;
            for (TaggedBatch b : validation) {
                int[] predicted = model.predict(b);
                long[] tags = b.tags();
                int[] lengths = b.lengths();
                for (int t = 0; t < b.steps(); t++) {
                    for (int n = 0; n < b.batch(); n++) {
                        if (t < lengths[n]) {
                            right += predicted[t * b.batch() + n] == tags[t * b.batch() + n] ? 1 : 0;
                            total++;
                        }
                    }
                }
            }
            assertTrue(right > 0.9 * total, "accuracy " + right / (double) total);
        }
    }

    @Test
    void slicesKeepEverySequenceAndClampItsLength() {
        TaggedBatch batch = TaggedBatch.of(List.of(new float[5][2], new float[2][2]), List.of(new int[5], new int[2]));
        TaggedBatch slice = batch.slice(3, 5);
        assertEquals(2, slice.steps());
        assertEquals(List.of(2, 0), List.of(slice.lengths()[0], slice.lengths()[1]));
    }

    private static List<TaggedBatch> batches(Random random, int count) {
        List<TaggedBatch> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            List<float[][]> s = Tasks.sequences(random, 32, 3, 12, 1);
            List<int[]> tags = new ArrayList<>();
            for (float[][] sequence : s) {
                int[] t = new int[sequence.length];
                double sum = 0;
                for (int i = 0; i < t.length; i++) {
                    sum += sequence[i][0];
                    t[i] = sum > 0 ? 1 : 0;
                }
                tags.add(t);
            }
            out.add(TaggedBatch.of(s, tags));
        }
        return out;
    }
}
