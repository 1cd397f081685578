package org.rnn4j.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.rnn4j.RnnConfig;
import org.rnn4j.reference.RnnParams;
import org.rnn4j.tensor.Tensor;

/**
 * Moves data between the native (f32 tensors) and the pure-JVM reference (double arrays) sides, and
 * compares them.
 *
 * <p>Tolerance: the max-norm relative error {@code max|native - reference| / max|reference|} must be
 * at most {@link #TOLERANCE} = 1e-5 for every output, state and gradient (a per-element relative
 * error would be meaningless for elements near zero; f32 rounding alone gives ~1e-7 here).
 */
final class Oracle {
    static final double TOLERANCE = 1e-5;

    private Oracle() {
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    /** Random values already rounded to f32, so both sides see identical inputs. */
    static double[] random(Random random, long size, double scale) {
        double[] a = new double[Math.toIntExact(size)];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (scale * (2 * random.nextDouble() - 1));
        }
        return a;
    }

    static Tensor tensor(double[] values, long... dims) {
        return Tensor.of(toFloat(values), dims);
    }

    /** Copies reference parameters (rounded to f32) into native weights. */
    static void load(RnnParams p, RnnWeights w) {
        RnnConfig c = p.config();
        float[] layer = new float[(int) w.weightsLayer().size()];
        float[] iter = new float[(int) w.weightsIter().size()];
        float[] bias = new float[(int) w.bias().size()];
        float[] peephole = w.peephole() == null ? null : new float[(int) w.peephole().size()];
        float[] projection = w.projection() == null ? null : new float[(int) w.projection().size()];
        int[] at = new int[5];
        for (int l = 0; l < c.layers(); l++) {
            at[0] = put(layer, at[0], p.weightsLayer(l));
            at[1] = put(iter, at[1], p.weightsIter(l));
            at[2] = put(bias, at[2], p.bias(l));
            if (peephole != null) {
                at[3] = put(peephole, at[3], p.peephole(l));
            }
            if (projection != null) {
                at[4] = put(projection, at[4], p.projection(l));
            }
        }
        w.weightsLayer().copyFrom(layer);
        w.weightsIter().copyFrom(iter);
        w.bias().copyFrom(bias);
        if (peephole != null) {
            w.peephole().copyFrom(peephole);
        }
        if (projection != null) {
            w.projection().copyFrom(projection);
        }
    }

    /** Reference parameters rounded to f32. */
    static RnnParams roundedRandomParams(RnnConfig c, long seed) {
        RnnParams p = RnnParams.random(c, seed, 0.6);
        double[] flat = p.flatten();
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (float) flat[i];
        }
        return RnnParams.unflatten(c, flat);
    }

    /** Flattens native weights in the order of {@link RnnParams#flatten()} (per layer: layer, iter, bias, peephole, projection). */
    static double[] flatten(RnnWeights w) {
        RnnConfig c = w.config();
        double[] layer = toDouble(w.weightsLayer().toFloatArray());
        double[] iter = toDouble(w.weightsIter().toFloatArray());
        double[] bias = toDouble(w.bias().toFloatArray());
        double[] peephole = w.peephole() == null ? null : toDouble(w.peephole().toFloatArray());
        double[] projection = w.projection() == null ? null : toDouble(w.projection().toFloatArray());
        double[] out = new double[layer.length + iter.length + bias.length
                + (peephole == null ? 0 : peephole.length) + (projection == null ? 0 : projection.length)];
        int o = 0;
        int[] at = new int[5];
        for (int l = 0; l < c.layers(); l++) {
            o = take(layer, at, 0, (int) c.weightsLayerSize(l), out, o);
            o = take(iter, at, 1, (int) c.weightsIterSize(), out, o);
            o = take(bias, at, 2, (int) c.biasSize(), out, o);
            if (peephole != null) {
                o = take(peephole, at, 3, (int) c.peepholeSize(), out, o);
            }
            if (projection != null) {
                o = take(projection, at, 4, (int) c.projectionWeightsSize(), out, o);
            }
        }
        return out;
    }

    private static int take(double[] from, int[] at, int which, int count, double[] out, int o) {
        System.arraycopy(from, at[which], out, o, count);
        at[which] += count;
        return o + count;
    }

    private static int put(float[] target, int offset, double[] values) {
        for (int i = 0; i < values.length; i++) {
            target[offset + i] = (float) values[i];
        }
        return offset + values.length;
    }

    static double relativeError(double[] actual, double[] expected) {
        if (actual.length != expected.length) {
            throw new AssertionError("lengths differ: " + actual.length + " vs " + expected.length);
        }
        double maxDiff = 0, maxRef = 0;
        for (int i = 0; i < actual.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
        }
        return maxRef == 0 ? maxDiff : maxDiff / maxRef;
    }

    static void assertClose(String what, Tensor actual, double[] expected) {
        assertClose(what, toDouble(actual.toFloatArray()), expected);
    }

    static void assertClose(String what, double[] actual, double[] expected) {
        double err = relativeError(actual, expected);
        assertTrue(err <= TOLERANCE, what + ": relative error " + err + " > " + TOLERANCE);
    }
}
