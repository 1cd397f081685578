package org.rnn4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.rnn4j.backend.Backend;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.models.RegressionBatch;
import org.rnn4j.models.SequenceRegressor;
import org.rnn4j.nn.Recurrent;

/** Small regression batches (the target is the mean of the sequence's first feature) and a small regressor. */
final class RegressionData {
    private RegressionData() {
    }

    /** {@code count} batches of 4 sequences [T = 5, F = 2], targets [4, 1]. */
    static List<RegressionBatch> batches(long seed, int count) {
        Random random = new Random(seed);
        List<RegressionBatch> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            List<float[][]> sequences = new ArrayList<>();
            float[] targets = new float[4];
            for (int n = 0; n < 4; n++) {
                float[][] s = new float[5][2];                                  // [T, F]
                for (int t = 0; t < 5; t++) {
                    s[t][0] = (float) random.nextGaussian();
                    s[t][1] = (float) random.nextGaussian();
                    targets[n] += s[t][0] / 5;
                }
                sequences.add(s);
            }
            out.add(new RegressionBatch(SequenceBatch.of(sequences), targets));
        }
        return out;
    }

    /** The same batch with its first target replaced by {@code target}. */
    static RegressionBatch withTarget(RegressionBatch batch, float target) {
        float[] targets = batch.targets();
        targets[0] = target;
        return new RegressionBatch(batch.sequences(), targets);
    }

    static SequenceRegressor model(Backend backend) {
        return SequenceRegressor.builder(2, 1).recurrent(Recurrent.lstm(6)).seed(3).backend(backend).build();
    }
}
