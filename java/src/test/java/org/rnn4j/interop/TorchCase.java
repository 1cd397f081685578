package org.rnn4j.interop;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.rnn4j.io.HostArray;

/**
 * A random PyTorch problem: a module's {@code state_dict}, an input, initial states, optional lengths
 * and an output gradient DY, every value rounded to f32 so rnn4j (f32) and {@link TorchReference}
 * (double) see identical numbers. Shapes are spelled out here from PyTorch's documentation, not
 * taken from the code under test. Also computes L = sum(Y · DY) and its finite differences.
 */
public final class TorchCase {
    public final TorchCell cell;
    public final int layers;
    public final boolean bidirectional;
    public final int inputSize;
    public final int hiddenSize;
    public final int projSize;
    public final int steps;
    public final int batch;
    /** PyTorch names → values (live: finite differences perturb them). */
    public final Map<String, double[]> params = new LinkedHashMap<>();
    /** PyTorch names → shapes. */
    public final Map<String, long[]> shapes = new LinkedHashMap<>();
    /** [T, N, I]. */
    public final double[] x;
    /** [L*D, N, H_out]. */
    public final double[] h0;
    /** [L*D, N, H], LSTM only (else null). */
    public final double[] c0;
    /** [N] or null. */
    public final int[] lengths;
    /** [T_out, N, D*H_out]. */
    public final double[] dy;

    private TorchCase(TorchCell cell, int layers, boolean bidirectional, int projSize, boolean withLengths,
                      long seed) {
        this.cell = cell;
        this.layers = layers;
        this.bidirectional = bidirectional;
        this.inputSize = 3;
        this.hiddenSize = 4;
        this.projSize = projSize;
        this.steps = 5;
        this.batch = 3;
        Random random = new Random(seed);
        int d = bidirectional ? 2 : 1;
        int hOut = projSize > 0 ? projSize : hiddenSize;
        int rows = gates(cell) * hiddenSize;
        for (int l = 0; l < layers; l++) {
            for (int dir = 0; dir < d; dir++) {
                String sfx = "_l" + l + (dir == 1 ? "_reverse" : "");
                add(random, "weight_ih" + sfx, rows, l == 0 ? inputSize : d * hOut);
                add(random, "weight_hh" + sfx, rows, hOut);
                add(random, "bias_ih" + sfx, rows);
                add(random, "bias_hh" + sfx, rows);
                if (projSize > 0) {
                    add(random, "weight_hr" + sfx, projSize, hiddenSize);
                }
            }
        }
        this.x = values(random, steps * batch * inputSize);
        this.h0 = values(random, layers * d * batch * hOut);
        this.c0 = cell == TorchCell.LSTM ? values(random, layers * d * batch * hiddenSize) : null;
        if (withLengths) {
            lengths = new int[batch];
            for (int n = 0; n < batch; n++) {
                lengths[n] = 1 + random.nextInt(steps - 1);
            }
            lengths[random.nextInt(batch)] = steps - 1;
        } else {
            lengths = null;
        }
        int outSteps = withLengths ? steps - 1 : steps;
        this.dy = values(random, outSteps * batch * d * hOut);
    }

    /** {@code projSize} 0 = none; with lengths, max(lengths) = T - 1 so the output is shorter than the input. */
    public static TorchCase random(TorchCell cell, int layers, boolean bidirectional, int projSize,
                                   boolean withLengths, long seed) {
        return new TorchCase(cell, layers, bidirectional, projSize, withLengths, seed);
    }

    /** Gate blocks per PyTorch's docs: LSTM 4 (i, f, g, o), GRU 3 (r, z, n), RNN 1. */
    static int gates(TorchCell cell) {
        return switch (cell) {
            case LSTM -> 4;
            case GRU -> 3;
            case RNN_TANH, RNN_RELU -> 1;
        };
    }

    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** H_out. */
    public int stateSize() {
        return projSize > 0 ? projSize : hiddenSize;
    }

    /** D * H_out. */
    public int outputWidth() {
        return directions() * stateSize();
    }

    /** max(lengths), or T. */
    public int outputSteps() {
        return lengths == null ? steps : steps - 1;
    }

    /** The state_dict as F32 arrays. */
    public Map<String, HostArray> stateDict() {
        Map<String, HostArray> m = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : params.entrySet()) {
            m.put(e.getKey(), HostArray.ofFloats(toFloat(e.getValue()), shapes.get(e.getKey())));
        }
        return m;
    }

    public TorchReference reference() {
        return new TorchReference(cell, params, layers, bidirectional, inputSize, hiddenSize, projSize);
    }

    public TorchReference.Result forward() {
        return reference().forward(x, steps, batch, lengths, h0, c0);
    }

    /** L = sum(Y · DY). */
    public double loss() {
        double[] y = forward().output();
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += y[i] * dy[i];
        }
        return sum;
    }

    /** The live array called {@code name}: "input", "h0", "c0" or a state_dict name. */
    public double[] tensor(String name) {
        return switch (name) {
            case "input" -> x;
            case "h0" -> h0;
            case "c0" -> c0;
            default -> params.get(name);
        };
    }

    /** Central difference of {@link #loss()} with respect to element {@code index} of {@link #tensor(String)}. */
    public double finiteDifference(String name, int index) {
        double[] a = tensor(name);
        double saved = a[index];
        double eps = 1e-5;
        a[index] = saved + eps;
        double plus = loss();
        a[index] = saved - eps;
        double minus = loss();
        a[index] = saved;
        return (plus - minus) / (2 * eps);
    }

    public static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    public static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    @Override
    public String toString() {
        return cell + " layers=" + layers + (bidirectional ? " bidirectional" : "") + (projSize > 0 ? " proj="
                + projSize : "") + (lengths != null ? " lengths" : "");
    }

    private void add(Random random, String name, long... shape) {
        long size = 1;
        for (long s : shape) {
            size *= s;
        }
        params.put(name, values(random, (int) size));
        shapes.put(name, shape);
    }

    private static double[] values(Random random, int size) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) (0.8 * (2 * random.nextDouble() - 1));
        }
        return a;
    }
}
