package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * One-to-many: a one-hot vector of class k (of 4) generates its own sequence of k + 2 tokens. The
 * teacher-forced loss must fall below a tenth of where it started, and greedy generation must then
 * produce every class's sequence exactly.
 */
class OneToManyTest {
    private static final int CLASSES = 4;
    private static final int BOS = 0;
    private static final int EOS = 1;

    @Test
    void generatesTheSequenceOfEachSeedVector() {
        Random random = new Random(2);
        List<OneToManyBatch> train = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            float[][] vectors = new float[16][];
            List<int[]> sequences = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int k = random.nextInt(CLASSES);
                vectors[i] = oneHot(k);
                sequences.add(sequence(k));
            }
            train.add(OneToManyBatch.of(vectors, sequences, BOS, EOS));
        }
        try (TensorScope scope = TensorScope.open();
             OneToMany model = OneToMany.builder(CLASSES, 2 + CLASSES).embedding(8).recurrent(Recurrent.gru(32))
                     .bos(BOS).eos(EOS).seed(3).backend(Backend.NATIVE).build();
             Trainer<OneToManyBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(2e-2)).clipNorm(5).build()) {
            double before = trainer.evaluate(Dataset.of(train)).mean();
            trainer.fit(train, null, Epochs.of(15));
            double after = trainer.evaluate(Dataset.of(train)).mean();
            assertTrue(after < before / 10, "loss " + before + " → " + after);
            for (int k = 0; k < CLASSES; k++) {
                assertArrayEquals(sequence(k), model.generate(oneHot(k), 10, 0, 0, 0), "class " + k);
            }
        }
    }

    @Test
    void bosAndEosMustBeDistinctTokensOfTheVocabulary() {
        assertThrows(IllegalArgumentException.class, () -> OneToMany.builder(2, 5).bos(1).eos(1).build());
        assertThrows(IllegalArgumentException.class, () -> OneToMany.builder(2, 5).eos(5).build());
    }

    private static float[] oneHot(int k) {
        float[] v = new float[CLASSES];
        v[k] = 1;
        return v;
    }

    /** Class k: k + 2 tokens 2 + ((k + t) mod 4). */
    private static int[] sequence(int k) {
        int[] s = new int[k + 2];
        for (int t = 0; t < s.length; t++) {
            s[t] = 2 + (k + t) % CLASSES;
        }
        return s;
    }
}
