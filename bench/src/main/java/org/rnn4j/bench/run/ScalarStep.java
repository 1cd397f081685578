package org.rnn4j.bench.run;

import java.util.SplittableRandom;

import org.rnn4j.RnnConfig;
import org.rnn4j.backend.jvm.FloatParams;
import org.rnn4j.bench.scalar.ScalarRnn;

/**
 * A row's step on the plain scalar Java baseline ({@link ScalarRnn}): forward, and backward for training, on
 * {@code steps} ≤ T steps and the first {@code batch} ≤ N sequences. The baseline runs one sequence after the
 * other, so its time is exactly proportional to the sequence-steps it runs: a shortened run scales by
 * {@link #realSteps}.
 */
final class ScalarStep {
    private ScalarStep() {
    }

    /** Σ lengths of the first {@code batch} sequences of {@code row} run over {@code steps} steps. */
    static long realSteps(BenchRow row, int steps, int batch) {
        int[] all = row.lengths(steps);
        int[] lengths = all == null ? null : java.util.Arrays.copyOf(all, batch);
        if (lengths == null) {
            return (long) steps * batch;
        }
        long sum = 0;
        for (int n = 0; n < batch; n++) {
            sum += lengths[n];
        }
        return sum;
    }

    static Timing time(BenchRow row, int steps, int batch, Timing.Budget budget) {
        RnnConfig config = row.config();
        SplittableRandom random = new SplittableRandom(5);
        FloatParams params = FloatParams.zeros(config);
        for (int l = 0; l < config.layers(); l++) {
            fill(params.weightsLayer(l), random, 0.05);
            fill(params.weightsIter(l), random, 0.05);
            fill(params.bias(l), random, 0.05);
        }
        float[] x = new float[steps * batch * row.input()];
        float[] dY = new float[steps * batch * config.outputWidth()];
        fill(x, random, 1);
        fill(dY, random, 1);
        int[] all = row.lengths(steps);
        int[] lengths = all == null ? null : java.util.Arrays.copyOf(all, batch);
        ScalarRnn rnn = new ScalarRnn(params);
        float[] sink = new float[1];
        return Timing.of(budget, () -> {
            ScalarRnn.Pass pass = rnn.forward(x, steps, batch, lengths);
            sink[0] += row.mode() == BenchRow.Mode.TRAINING ? rnn.backward(pass, dY).dx()[0] : pass.y()[0];
        });
    }

    private static void fill(float[] v, SplittableRandom random, double scale) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
    }
}
