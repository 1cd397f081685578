package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.backend.Backend;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.infer.CtcDecoding;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.Dataset;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Trainer;

/**
 * Many-to-many unaligned: each of 1–4 labels (of 3) is shown as a noisy one-hot for 2–4 steps, with 0–2 empty
 * steps between (at least one between equal labels); the model hears the input, not the alignment. The CTC
 * loss starts above 2 (log-probability of a short label sequence under uniform outputs) and must fall below
 * 0.5, and greedy decoding must get 80% of the held-out sequences exactly right; saved and loaded, the model
 * gives the same probabilities.
 */
class SequenceTranscriberTest {

    @Test
    void learnsUnalignedLabelSequencesAndSurvivesSaving(@TempDir Path dir) throws Exception {
        Random random = new Random(8);
        List<TranscriptionBatch> train = batches(random, 24);
        List<TranscriptionBatch> validation = batches(random, 2);
        try (TensorScope scope = TensorScope.open();
             SequenceTranscriber model = SequenceTranscriber.builder(3, 4)
                     .recurrent(Recurrent.gru(24).bidirectional()).seed(3).backend(Backend.NATIVE).build();
             Trainer<TranscriptionBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(1e-2)).clipNorm(5)
                     .build()) {
            double before = trainer.evaluate(Dataset.of(validation)).mean();
            trainer.fit(train, validation, Epochs.of(8));
            double after = trainer.evaluate(Dataset.of(validation)).mean();
            assertTrue(before > 2, "initial loss " + before);
            assertTrue(after < 0.5, "final loss " + after + " (from " + before + ")");

            int right = 0, total = 0;
            for (TranscriptionBatch b : validation) {
                float[][][] p = model.probabilities(b.sequences());
                int[][] targets = b.targets();
                for (int n = 0; n < p.length; n++) {
                    right += Arrays.equals(targets[n], CtcDecoding.greedy(p[n], SequenceTranscriber.BLANK)) ? 1 : 0;
                    total++;
                }
            }
            assertTrue(right >= 0.8 * total, "sequence accuracy " + right / (double) total);

            model.save(dir.resolve("model"));
            assertTrue(Files.exists(dir.resolve("model").resolve("config.json")));
            try (SequenceTranscriber loaded = SequenceTranscriber.load(dir.resolve("model"), Backend.JVM)) {
                SequenceBatch x = validation.get(0).sequences();
                float[] expected = model.probabilities(x)[0][0];
                float[] actual = loaded.probabilities(x)[0][0];
                assertArrayEquals(expected, actual, 1e-4f, "the loaded model (JVM) agrees with the saved one (native)");
            }
        }
    }

    private static List<TranscriptionBatch> batches(Random random, int count) {
        List<TranscriptionBatch> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            List<float[][]> sequences = new ArrayList<>();
            int[][] targets = new int[16][];
            for (int n = 0; n < targets.length; n++) {
                targets[n] = new int[1 + random.nextInt(4)];
                List<float[]> steps = new ArrayList<>();
                for (int i = 0; i < targets[n].length; i++) {
                    targets[n][i] = 1 + random.nextInt(3);
                    int gap = random.nextInt(3);
                    if (i > 0 && targets[n][i] == targets[n][i - 1]) {
                        gap = Math.max(gap, 1);
                    }
                    for (int g = 0; g < gap; g++) {
                        steps.add(noisy(random, -1));
                    }
                    for (int k = 2 + random.nextInt(3); k > 0; k--) {
                        steps.add(noisy(random, targets[n][i] - 1));
                    }
                }
                sequences.add(steps.toArray(new float[0][]));
            }
            out.add(new TranscriptionBatch(SequenceBatch.of(sequences), targets));
        }
        return out;
    }

    /** Feature {@code hot} at 1 (none when −1), plus noise of 0.2. */
    private static float[] noisy(Random random, int hot) {
        float[] step = new float[3];
        for (int f = 0; f < 3; f++) {
            step[f] = (f == hot ? 1 : 0) + (float) (0.2 * random.nextGaussian());
        }
        return step;
    }
}
