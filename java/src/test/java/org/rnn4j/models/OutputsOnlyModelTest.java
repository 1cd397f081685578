package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnn4j.backend.Backend;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.TrainingPass;

/**
 * A model's outputs-only training forward (what full BPTT on whole batches runs: for a native LSTM with
 * variable lengths, a few padded segments) gives the loss and every parameter gradient of the forward
 * that computes final states (one segment per distinct length), and its pass refuses finalState().
 * Tolerance: 1e-5 relative to the largest gradient of each parameter, 1e-6 on the loss (f32 sums in
 * another order).
 */
class OutputsOnlyModelTest {

    @Test
    void outputsOnlyForwardGivesTheSameLossAndGradients() {
        Random random = new Random(4);
        List<float[][]> sequences = Tasks.sequences(random, 19, 2, 23, 3);
        List<int[]> tags = new ArrayList<>();
        for (float[][] s : sequences) {
            int[] t = new int[s.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = s[i][0] > 0 ? 1 : 0;
            }
            tags.add(t);
        }
        TaggedBatch batch = TaggedBatch.of(sequences, tags);
        try (TensorScope scope = TensorScope.open();
             SequenceTagger model = SequenceTagger.builder(3, 2).recurrent(Recurrent.lstm(7).layers(2)).seed(5)
                     .backend(Backend.NATIVE).build()) {
            TrainingPass full = model.forward(batch);
            full.backward();
            List<float[]> expected = new ArrayList<>();
            for (Parameter p : model.parameters()) {
                expected.add(p.gradient().toFloatArray());
                p.zeroGradient();
            }
            TrainingPass outputsOnly = model.forwardOutputsOnly(batch);
            outputsOnly.backward();
            assertEquals(full.loss().mean(), outputsOnly.loss().mean(), 1e-6 * Math.abs(full.loss().mean()), "loss");
            for (int i = 0; i < expected.size(); i++) {
                Parameter p = model.parameters().get(i);
                float[] actual = p.gradient().toFloatArray();
                double diff = 0, ref = 0;
                for (int j = 0; j < actual.length; j++) {
                    diff = Math.max(diff, Math.abs(actual[j] - expected.get(i)[j]));
                    ref = Math.max(ref, Math.abs(expected.get(i)[j]));
                }
                assertTrue(diff <= 1e-5 * ref, p.name() + ": gradient differs by " + diff + " (largest " + ref + ")");
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, outputsOnly::finalState);
            assertTrue(e.getMessage().contains("outputs only"), e.getMessage());
        }
    }
}
