package org.rnn4j.examples;

import java.util.SplittableRandom;

import org.rnn4j.CellKind;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.rnn.NativeRnn;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnBackward;
import org.rnn4j.rnn.RnnForward;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * The vertical-slice demo: a small LSTM, trained with oneDNN's fused kernels, learns to echo its
 * input with a delay, y_t = (x_{t-1} + x_{t-3}) / 2, which it can only do by remembering. The
 * loss printed every 25 steps falls from about 0.17 (predicting zero) to near zero.
 *
 * <p>The linear read-out and the optimiser are plain Java here; the native read-out, losses and
 * optimisers are issue "Native fused kernels" work.
 */
public final class EchoDemo {
    private static final int STEPS = 20;     // T, time steps per sequence
    private static final int BATCH = 32;     // N, sequences per batch
    private static final int HIDDEN = 32;    // H, LSTM width
    private static final int ITERATIONS = 400;
    private static final float LEARNING_RATE = 0.01f;

    private EchoDemo() {
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : ITERATIONS;
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("usage: EchoDemo [iterations]   (default " + ITERATIONS + ")");
            return;
        }
        System.out.printf("rnn4j echo demo: LSTM H=%d, T=%d, N=%d on oneDNN %s, %d threads%n", HIDDEN, STEPS, BATCH,
                NativeLibrary.onednnVersion(), NativeLibrary.threads());
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 1, HIDDEN).build();
        SplittableRandom random = new SplittableRandom(42);
        try (TensorScope model = TensorScope.open(); NativeRnn lstm = new NativeRnn(config)) {
            RnnWeights weights = RnnWeights.uniform(config, 7);
            RnnWeights grads = RnnWeights.zeros(config);
            PlainJavaAdam adam = new PlainJavaAdam(weights, LEARNING_RATE);
            float[] readout = new float[HIDDEN];  // y = h · readout + readoutBias
            for (int j = 0; j < HIDDEN; j++) {
                readout[j] = (float) ((random.nextDouble() * 2 - 1) / Math.sqrt(HIDDEN));
            }
            float[] readoutBias = new float[1];
            double first = Double.NaN, last = Double.NaN;
            long start = System.nanoTime();
            for (int it = 1; it <= iterations; it++) {
                try (TensorScope step = TensorScope.open()) {
                    float[] x = new float[STEPS * BATCH];                      // [T, N, 1]
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (float) (random.nextDouble() * 2 - 1);
                    }
                    RnnForward fwd = lstm.forward(Propagation.TRAINING, weights, Tensor.of(x, STEPS, BATCH, 1), null);
                    float[] h = fwd.output().toFloatArray();                   // [T, N, H]
                    float[] dh = new float[h.length];                          // dL/dh [T, N, H]
                    float[] dReadout = new float[HIDDEN];
                    float[] dBias = new float[1];
                    double loss = 0;
                    for (int t = 0; t < STEPS; t++) {
                        for (int n = 0; n < BATCH; n++) {
                            float target = 0.5f * ((t >= 1 ? x[(t - 1) * BATCH + n] : 0) + (t >= 3 ? x[(t - 3) * BATCH + n] : 0));
                            int row = (t * BATCH + n) * HIDDEN;
                            float y = readoutBias[0];
                            for (int j = 0; j < HIDDEN; j++) {
                                y += h[row + j] * readout[j];
                            }
                            float err = y - target;
                            loss += err * err;
                            float dy = 2 * err / (STEPS * BATCH);              // d mean-squared-error / dy
                            dBias[0] += dy;
                            for (int j = 0; j < HIDDEN; j++) {
                                dReadout[j] += dy * h[row + j];
                                dh[row + j] = dy * readout[j];
                            }
                        }
                    }
                    loss /= STEPS * BATCH;
                    RnnBackward back = lstm.backward(fwd, Tensor.of(dh, STEPS, BATCH, HIDDEN), null, grads,
                            GradientMode.OVERWRITE);
                    adam.step(grads, readout, dReadout, readoutBias, dBias);
                    if (it == 1) {
                        first = loss;
                    }
                    last = loss;
                    if (it == 1 || it % 25 == 0) {
                        System.out.printf("step %4d  loss %.5f%n", it, loss);
                    }
                    if (back.inputGradient().size() != STEPS * BATCH) {
                        throw new IllegalStateException("unexpected input gradient " + back.inputGradient().shape());
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("loss %.5f -> %.5f in %d steps (%.2f s, %.1f ms/step)%n", first, last, iterations,
                    seconds, 1000 * seconds / iterations);
            if (!(last < first)) {
                throw new IllegalStateException("loss did not fall: " + first + " -> " + last);
            }
        }
    }
}
