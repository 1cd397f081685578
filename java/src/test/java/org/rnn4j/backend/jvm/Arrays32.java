package org.rnn4j.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.rnn4j.RnnConfig;
import org.rnn4j.reference.RnnParams;

/**
 * Test helpers moving data between the f32 fast path and the double reference, and the comparison.
 *
 * <p>Tolerance: the max-norm relative error {@code max|fast − reference| / max|reference|} must be at
 * most {@link #TOLERANCE} = 1e-5 for every output, state and gradient (per-element relative error is
 * meaningless near zero; f32 rounding alone gives ~1e-7 at these sizes). Inputs are rounded to f32 first
 * so both sides see identical values.
 */
final class Arrays32 {
    static final double TOLERANCE = 1e-5;

    private Arrays32() {
    }

    /** Uniform in [-scale, scale], rounded to f32. */
    static double[] random(Random random, long size, double scale) {
        double[] a = new double[Math.toIntExact(size)];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (scale * (2 * random.nextDouble() - 1));
        }
        return a;
    }

    static float[] toFloat(double[] a) {
        if (a == null) {
            return null;
        }
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    static double[] toDouble(float[] a) {
        if (a == null) {
            return null;
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    /** Reference parameters uniform in [-scale, scale], rounded to f32. */
    static RnnParams roundedParams(RnnConfig config, long seed, double scale) {
        double[] flat = RnnParams.random(config, seed, scale).flatten();
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (float) flat[i];
        }
        return RnnParams.unflatten(config, flat);
    }

    static FloatParams toFloat(RnnParams p) {
        RnnConfig c = p.config();
        int layers = c.layers();
        float[][] wl = new float[layers][];
        float[][] wi = new float[layers][];
        float[][] b = new float[layers][];
        float[][] peep = c.hasPeephole() ? new float[layers][] : null;
        float[][] proj = c.hasProjection() ? new float[layers][] : null;
        for (int l = 0; l < layers; l++) {
            wl[l] = toFloat(p.weightsLayer(l));
            wi[l] = toFloat(p.weightsIter(l));
            b[l] = toFloat(p.bias(l));
            if (peep != null) {
                peep[l] = toFloat(p.peephole(l));
            }
            if (proj != null) {
                proj[l] = toFloat(p.projection(l));
            }
        }
        return new FloatParams(c, wl, wi, b, peep, proj);
    }

    static double relativeError(double[] actual, double[] expected) {
        if (actual.length != expected.length) {
            throw new AssertionError("lengths differ: " + actual.length + " vs " + expected.length);
        }
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < actual.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
        }
        return maxRef == 0 ? maxDiff : maxDiff / maxRef;
    }

    static void assertClose(String what, float[] actual, double[] expected) {
        if (expected == null) {
            assertTrue(actual == null, what + ": expected null");
            return;
        }
        double err = relativeError(toDouble(actual), expected);
        assertTrue(err <= TOLERANCE, what + ": relative error " + err + " > " + TOLERANCE);
    }

    /** Compares every weight gradient, layer by layer and kind by kind. */
    static void assertClose(String what, FloatParams actual, RnnParams expected) {
        RnnConfig c = expected.config();
        for (int l = 0; l < c.layers(); l++) {
            assertClose(what + " weightsLayer[" + l + "]", actual.weightsLayer(l), expected.weightsLayer(l));
            assertClose(what + " weightsIter[" + l + "]", actual.weightsIter(l), expected.weightsIter(l));
            assertClose(what + " bias[" + l + "]", actual.bias(l), expected.bias(l));
            assertClose(what + " peephole[" + l + "]", actual.peephole(l), expected.peephole(l));
            assertClose(what + " projection[" + l + "]", actual.projection(l), expected.projection(l));
        }
    }
}
