package org.rnn4j.backend.jvm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.rnn4j.CellKind;
import org.rnn4j.RnnConfig;
import org.rnn4j.reference.Forward;
import org.rnn4j.reference.ReferenceRnn;
import org.rnn4j.reference.RnnParams;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.rnn.JvmRnn;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnForward;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * Wall-clock timing, not a test: LSTM T=50 N=64 I=H=512 forward + backward, single thread, on FastRnn,
 * on JvmRnn (FastRnn behind the engine API, tensors in and out) and on ReferenceRnn (what JvmRnn ran
 * before), interleaved round by round; then this package's GEMM against EJML's on the same shapes.
 * Prints medians and GF/s (forward FLOPs = T·N·2·4H·(I+H), backward = 2× forward).
 *
 * <p>Run: {@code java -cp <test classpath> org.rnn4j.backend.jvm.FastRnnTiming [rounds] [referenceRounds]}.
 */
public final class FastRnnTiming {
    private static final int T = 50;
    private static final int N = 64;
    private static final int I = 512;
    private static final int H = 512;

    private FastRnnTiming() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int referenceRounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, I, H).build();
        double forwardFlops = (double) T * N * 2 * 4 * H * (I + H);
        Random random = new Random(1);
        RnnParams reference = RnnParams.random(config, 7, 1 / Math.sqrt(H));
        FloatParams params = Arrays32.toFloat(reference);
        double[] x = Arrays32.random(random, (long) T * N * I, 1);
        double[] dY = Arrays32.random(random, (long) T * N * H, 1);
        float[] xf = Arrays32.toFloat(x);
        float[] dYf = Arrays32.toFloat(dY);
        FastRnn fast = new FastRnn(config);
        ReferenceRnn slow = new ReferenceRnn(config);

        List<Double> fastForward = new ArrayList<>();
        List<Double> fastBackward = new ArrayList<>();
        List<Double> engineForward = new ArrayList<>();
        List<Double> engineBackward = new ArrayList<>();
        List<Double> refForward = new ArrayList<>();
        List<Double> refBackward = new ArrayList<>();
        try (TensorScope scope = TensorScope.open(); JvmRnn engine = new JvmRnn(config)) {
            RnnWeights weights = RnnWeights.zeros(config);
            weights.weightsLayer().copyFrom(params.weightsLayer(0));
            weights.weightsIter().copyFrom(params.weightsIter(0));
            weights.bias().copyFrom(params.bias(0));
            RnnWeights grads = RnnWeights.zeros(config);
            Tensor input = Tensor.of(xf, T, N, I);
            Tensor dOut = Tensor.of(dYf, T, N, H);
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                FastForward f = fast.forward(params, xf, T, N, null, null, null);
                long t1 = System.nanoTime();
                fast.backward(f, dYf, null, null);
                long t2 = System.nanoTime();
                fastForward.add((t1 - t0) / 1e6);
                fastBackward.add((t2 - t1) / 1e6);

                t0 = System.nanoTime();
                RnnForward e = engine.forward(Propagation.TRAINING, weights, input, null);
                t1 = System.nanoTime();
                engine.backward(e, dOut, null, grads, GradientMode.OVERWRITE);
                t2 = System.nanoTime();
                engineForward.add((t1 - t0) / 1e6);
                engineBackward.add((t2 - t1) / 1e6);

                if (round < referenceRounds) {
                    t0 = System.nanoTime();
                    Forward r = slow.forward(reference, x, T, N);
                    t1 = System.nanoTime();
                    slow.backward(r, dY, null, null);
                    t2 = System.nanoTime();
                    refForward.add((t1 - t0) / 1e6);
                    refBackward.add((t2 - t1) / 1e6);
                }
                System.out.printf(Locale.ROOT, "round %d done%n", round);
            }
        }
        System.out.printf(Locale.ROOT, "LSTM T=%d N=%d I=H=%d, %d rounds (reference %d), medians:%n", T, N, I, rounds,
                referenceRounds);
        report("FastRnn      ", fastForward, fastBackward, forwardFlops);
        report("JvmRnn (now) ", engineForward, engineBackward, forwardFlops);
        report("ReferenceRnn ", refForward, refBackward, forwardFlops);
        gemms(rounds);
    }

    private static void report(String name, List<Double> forward, List<Double> backward, double forwardFlops) {
        double f = median(forward);
        double b = median(backward);
        System.out.printf(Locale.ROOT, "%s forward %9.1f ms %6.2f GF/s | backward %9.1f ms %6.2f GF/s | total %9.1f ms "
                + "%6.2f GF/s  (forward runs %s)%n", name, f, forwardFlops / f / 1e6, b, 2 * forwardFlops / b / 1e6,
                f + b, 3 * forwardFlops / (f + b) / 1e6, forward);
    }

    /** C += A·B and C += Aᵀ·B on the RNN's shapes: this package's {@link Gemm} against EJML's. */
    private static void gemms(int rounds) {
        int[][] shapes = {{T * N, I, 4 * H}, {N, H, 4 * H}, {I, T * N, 4 * H}};
        String[] names = {"input projection [T*N, I] x [I, 4H]", "recurrent step [N, H] x [H, 4H]",
                "dW_layer [T*N, I]^T x [T*N, 4H]"};
        Random random = new Random(3);
        for (int s = 0; s < shapes.length; s++) {
            int m = shapes[s][0];
            int k = shapes[s][1];
            int n = shapes[s][2];
            boolean transA = s == 2;
            float[][] a = randomRows(random, transA ? k : m, transA ? m : k);
            float[][] b = randomRows(random, k, n);
            float[][] c = new float[m][n];
            FMatrixRMaj ea = new FMatrixRMaj(a);
            FMatrixRMaj eb = new FMatrixRMaj(b);
            FMatrixRMaj ec = new FMatrixRMaj(m, n);
            int reps = m * k > 1_000_000 ? 1 : 20;
            List<Double> own = new ArrayList<>();
            List<Double> ejml = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    if (transA) {
                        Gemm.multAddTransA(Rows.of(a, 0), Rows.of(b, 0), Rows.of(c, 0), m, k, 0, n);
                    } else {
                        Gemm.multAdd(Rows.of(a, 0), Rows.of(b, 0), Rows.of(c, 0), m, k, 0, n);
                    }
                }
                long t1 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    if (transA) {
                        CommonOps_FDRM.multAddTransA(ea, eb, ec);
                    } else {
                        CommonOps_FDRM.multAdd(ea, eb, ec);
                    }
                }
                long t2 = System.nanoTime();
                own.add((t1 - t0) / 1e6 / reps);
                ejml.add((t2 - t1) / 1e6 / reps);
            }
            double flops = 2.0 * m * k * n;
            double o = median(own);
            double e = median(ejml);
            System.out.printf(Locale.ROOT, "GEMM %-40s own %8.2f ms %6.2f GF/s | EJML %8.2f ms %6.2f GF/s%n", names[s],
                    o, flops / o / 1e6, e, flops / e / 1e6);
        }
    }

    private static float[][] randomRows(Random random, int rows, int cols) {
        float[][] a = new float[rows][cols];
        for (float[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) (2 * random.nextDouble() - 1);
            }
        }
        return a;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }
}
