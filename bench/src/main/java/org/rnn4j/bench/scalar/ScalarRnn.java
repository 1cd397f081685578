package org.rnn4j.bench.scalar;

import java.util.Objects;

import org.rnn4j.RnnConfig;
import org.rnn4j.backend.jvm.FloatParams;

/**
 * The benchmark's "plain Java" baseline: a recurrent network written the way most Java code would be —
 * one sequence at a time, one step at a time, {@code float[][]} weights and a dot product per output, no
 * batching into matrix products, no blocking, no threads. Same semantics as the JVM backend for
 * tanh/relu RNN, LSTM, GRU and LBR-GRU without peephole or projection: stacked layers, both directions
 * (outputs concatenated), zero initial states, lengths with packed-sequence semantics (sequence n runs
 * t &lt; lengths[n]; its outputs past the end are 0; right-to-left starts at lengths[n] − 1).
 * ScalarRnnTest checks it against {@link org.rnn4j.backend.jvm.FastRnn}.
 *
 * <p>Shapes: x [T, N, I], y [T, N, D·H]; weights per layer l and direction d: w [G·H][Il], u [G·H][H],
 * b [Gb·H].
 */
public final class ScalarRnn {
    private final RnnConfig config;
    private final ScalarCell cell;
    private final float[][][] w; // [L·D][GH][Il]
    private final float[][][] u; // [L·D][GH][H]
    private final float[][] b;     // [L·D][Gb·H]

    /** Copies {@code params} (ldigo / ldgo) into the out-major arrays this baseline works on. */
    public ScalarRnn(FloatParams params) {
        this.config = Objects.requireNonNull(params, "params").config();
        if (config.hasPeephole() || config.hasProjection() || config.dropout() > 0) {
            throw new IllegalArgumentException("the scalar baseline has no peephole, projection or dropout: " + config);
        }
        this.cell = new ScalarCell(config.cell(), config.hiddenSize());
        int layers = config.layers();
        int dirs = config.directions();
        int gh = config.cell().gates() * config.hiddenSize();
        int gbh = config.cell().biasGates() * config.hiddenSize();
        w = new float[layers * dirs][][];
        u = new float[layers * dirs][][];
        b = new float[layers * dirs][gbh];
        for (int l = 0; l < layers; l++) {
            int il = config.layerInputSize(l);
            for (int d = 0; d < dirs; d++) {
                w[l * dirs + d] = outMajor(params.weightsLayer(l), d, il, gh);
                u[l * dirs + d] = outMajor(params.weightsIter(l), d, config.hiddenSize(), gh);
                System.arraycopy(params.bias(l), d * gbh, b[l * dirs + d], 0, gbh);
            }
        }
    }

    public RnnConfig config() {
        return config;
    }

    /** A forward pass, with what backward needs. */
    public static final class Pass {
        final int steps;
        final int batch;
        final int[] lengths;
        final float[][][][] inputs;              // [L][T][N][Il] each layer's input
        final ScalarCell.Saved[][][] saved;      // [L·D][N][T] per step, null past a sequence's end
        final float[] y;                         // [T, N, D·H]

        Pass(int steps, int batch, int[] lengths, int layers, int dirs, float[] y) {
            this.steps = steps;
            this.batch = batch;
            this.lengths = lengths;
            this.inputs = new float[layers][][][];
            this.saved = new ScalarCell.Saved[layers * dirs][batch][steps];
            this.y = y;
        }

        /** [T, N, D·H]. */
        public float[] y() {
            return y;
        }
    }

    /** Gradients of sum(y · dY): dx [T, N, I] and the weights in {@link FloatParams} layout. */
    public record Gradients(float[] dx, FloatParams weights) {
    }

    /** @param lengths [N] in [1, T], or null for all T */
    public Pass forward(float[] x, int steps, int batch, int[] lengths) {
        int dirs = config.directions();
        int hs = config.hiddenSize();
        int width = dirs * hs;
        int[] len = lengths != null ? lengths.clone() : filled(batch, steps);
        Pass pass = new Pass(steps, batch, len, config.layers(), dirs, new float[steps * batch * width]);
        float[][][] input = split(x, steps, batch, config.inputSize());
        for (int l = 0; l < config.layers(); l++) {
            pass.inputs[l] = input;
            float[][][] output = new float[steps][batch][width];
            for (int d = 0; d < dirs; d++) {
                int ld = l * dirs + d;
                for (int n = 0; n < batch; n++) {
                    float[] h = new float[hs];
                    float[] c = new float[hs];
                    for (int s = 0; s < len[n]; s++) {
                        int t = d == 0 ? s : len[n] - 1 - s;
                        ScalarCell.Saved step = cell.forward(w[ld], u[ld], b[ld], input[t][n], h, c);
                        pass.saved[ld][n][t] = step;
                        h = step.h;
                        c = step.c;
                        System.arraycopy(h, 0, output[t][n], d * hs, hs);
                    }
                }
            }
            input = output;
        }
        join(input, pass.y);
        return pass;
    }

    /** @param dY [T, N, D·H]; entries past a sequence's end are ignored */
    public Gradients backward(Pass pass, float[] dY) {
        int dirs = config.directions();
        int hs = config.hiddenSize();
        int steps = pass.steps;
        int batch = pass.batch;
        int gh = config.cell().gates() * hs;
        int layers = config.layers();
        float[][][] dW = new float[layers * dirs][][];
        float[][][] dU = new float[layers * dirs][][];
        float[][] dB = new float[layers * dirs][b[0].length];
        float[][][] dOutput = split(dY, steps, batch, dirs * hs);
        for (int l = layers - 1; l >= 0; l--) {
            int il = config.layerInputSize(l);
            float[][][] dInput = new float[steps][batch][il];
            for (int d = 0; d < dirs; d++) {
                int ld = l * dirs + d;
                dW[ld] = new float[gh][il];
                dU[ld] = new float[gh][hs];
                for (int n = 0; n < batch; n++) {
                    float[] dhNext = new float[hs];
                    float[] dcNext = new float[hs];
                    for (int s = pass.lengths[n] - 1; s >= 0; s--) {
                        int t = d == 0 ? s : pass.lengths[n] - 1 - s;
                        float[] dh = new float[hs];
                        for (int j = 0; j < hs; j++) {
                            dh[j] = dOutput[t][n][d * hs + j] + dhNext[j];
                        }
                        float[] dhPrev = new float[hs];
                        float[] dcPrev = new float[hs];
                        cell.backward(w[ld], u[ld], pass.saved[ld][n][t], dh, dcNext, dW[ld], dU[ld], dB[ld],
                                dInput[t][n], dhPrev, dcPrev);
                        dhNext = dhPrev;
                        dcNext = dcPrev;
                    }
                }
            }
            dOutput = dInput;
        }
        float[] dx = new float[steps * batch * config.inputSize()];
        join(dOutput, dx);
        return new Gradients(dx, asParams(dW, dU, dB));
    }

    /** The gradients in the JVM backend's layouts (ldigo, ldgo). */
    private FloatParams asParams(float[][][] dW, float[][][] dU, float[][] dB) {
        FloatParams out = FloatParams.zeros(config);
        int dirs = config.directions();
        int gh = config.cell().gates() * config.hiddenSize();
        int gbh = dB[0].length;
        for (int l = 0; l < config.layers(); l++) {
            int il = config.layerInputSize(l);
            for (int d = 0; d < dirs; d++) {
                int ld = l * dirs + d;
                ldigo(dW[ld], out.weightsLayer(l), d, il, gh);
                ldigo(dU[ld], out.weightsIter(l), d, config.hiddenSize(), gh);
                System.arraycopy(dB[ld], 0, out.bias(l), d * gbh, gbh);
            }
        }
        return out;
    }

    private static float[][] outMajor(float[] ldigo, int d, int rows, int gh) {
        float[][] m = new float[gh][rows];
        int base = d * rows * gh;
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < gh; k++) {
                m[k][i] = ldigo[base + i * gh + k];
            }
        }
        return m;
    }

    private static void ldigo(float[][] m, float[] out, int d, int rows, int gh) {
        int base = d * rows * gh;
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < gh; k++) {
                out[base + i * gh + k] = m[k][i];
            }
        }
    }

    private static float[][][] split(float[] flat, int steps, int batch, int width) {
        float[][][] out = new float[steps][batch][width];
        for (int t = 0; t < steps; t++) {
            for (int n = 0; n < batch; n++) {
                System.arraycopy(flat, (t * batch + n) * width, out[t][n], 0, width);
            }
        }
        return out;
    }

    private static void join(float[][][] rows, float[] flat) {
        int batch = rows[0].length;
        int width = rows[0][0].length;
        for (int t = 0; t < rows.length; t++) {
            for (int n = 0; n < batch; n++) {
                System.arraycopy(rows[t][n], 0, flat, (t * batch + n) * width, width);
            }
        }
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }
}
