package org.rnn4j.bench.run;

import java.util.SplittableRandom;

import org.rnn4j.RnnConfig;
import org.rnn4j.backend.jvm.FloatParams;
import org.rnn4j.bench.scalar.ScalarRnn;

/** A row's step on the plain scalar Java baseline ({@link ScalarRnn}): forward, and backward for training. */
final class ScalarStep {
    private ScalarStep() {
    }

    static Timing time(BenchRow row, int steps, Timing.Budget budget) {
        RnnConfig config = row.config();
        SplittableRandom random = new SplittableRandom(5);
        FloatParams params = FloatParams.zeros(config);
        for (int l = 0; l < config.layers(); l++) {
            fill(params.weightsLayer(l), random, 0.05);
            fill(params.weightsIter(l), random, 0.05);
            fill(params.bias(l), random, 0.05);
        }
        float[] x = new float[steps * row.batch() * row.input()];
        float[] dY = new float[steps * row.batch() * config.outputWidth()];
        fill(x, random, 1);
        fill(dY, random, 1);
        int[] lengths = row.lengths(steps);
        ScalarRnn rnn = new ScalarRnn(params);
        float[] sink = new float[1];
        return Timing.of(budget, () -> {
            ScalarRnn.Pass pass = rnn.forward(x, steps, row.batch(), lengths);
            sink[0] += row.mode() == BenchRow.Mode.TRAINING ? rnn.backward(pass, dY).dx()[0] : pass.y()[0];
        });
    }

    private static void fill(float[] v, SplittableRandom random, double scale) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
    }
}
