package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
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
 * Encoder–decoder reversing strings of 2–4 digits (0–4 as tokens 2–6; bos 0, eos 1), one length per
 * batch as length-bucketed batching gives (mixed lengths run the same math, see the classifier and
 * tagger tests, but compile more kernels). The teacher-forced
 * loss must fall below a fifth of where it started; greedy and beam-search decoding must then reverse
 * most held-out strings exactly, and a beam of width 1 is greedy decoding.
 */
class Seq2SeqTest {
    private static final int BOS = 0;
    private static final int EOS = 1;
    private static final int DIGITS = 5;

    @Test
    void learnsToReverseShortDigitStrings() {
        Random random = new Random(7);
        List<Seq2SeqBatch> train = new ArrayList<>();
        for (int b = 0; b < 24; b++) {
            List<int[]> sources = strings(random, 32, 2 + b % 3);
            train.add(Seq2SeqBatch.of(sources, sources.stream().map(Seq2SeqTest::reversed).toList(), BOS, EOS));
        }
        List<int[]> heldOut = new ArrayList<>();
        for (int length = 2; length <= 4; length++) {
            heldOut.addAll(strings(random, length == 4 ? 14 : 13, length));
        }
        try (TensorScope scope = TensorScope.open();
             Seq2Seq model = Seq2Seq.builder(2 + DIGITS, 2 + DIGITS).embedding(16).recurrent(Recurrent.lstm(64))
                     .bos(BOS).eos(EOS).seed(5).backend(Backend.NATIVE).build();
             Trainer<Seq2SeqBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(1e-2)).clipNorm(5).build()) {
            double before = trainer.evaluate(Dataset.of(train)).mean();
            trainer.fit(train, null, Epochs.of(12));
            double after = trainer.evaluate(Dataset.of(train)).mean();
            assertTrue(after < before / 5, "loss " + before + " → " + after);

            int greedyRight = 0, beamRight = 0;
            for (int[] source : heldOut) {
                greedyRight += Arrays.equals(reversed(source), model.greedy(source, 8)) ? 1 : 0;
                beamRight += Arrays.equals(reversed(source), model.beamSearch(source, 3, 8)) ? 1 : 0;
                assertArrayEquals(model.greedy(source, 8), model.beamSearch(source, 1, 8), "a beam of 1 is greedy");
            }
            assertTrue(greedyRight >= 30, "greedy reversed " + greedyRight + " of 40");
            assertTrue(beamRight >= greedyRight - 2, "beam search reversed " + beamRight + " of 40");
        }
    }

    /** n strings of {@code length} digits. */
    private static List<int[]> strings(Random random, int n, int length) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] s = new int[length];
            for (int t = 0; t < s.length; t++) {
                s[t] = 2 + random.nextInt(DIGITS);
            }
            out.add(s);
        }
        return out;
    }

    private static int[] reversed(int[] s) {
        int[] r = new int[s.length];
        for (int t = 0; t < s.length; t++) {
            r[t] = s[s.length - 1 - t];
        }
        return r;
    }
}
