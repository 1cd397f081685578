package org.rnn4j.backend.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/** Random test data (drawn as floats, so the double references see exactly the native inputs) and comparisons. */
final class TestArrays {
    private TestArrays() {
    }

    /** n floats uniform in [−scale, scale). */
    static float[] random(Random random, int n, double scale) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * scale);
        }
        return values;
    }

    /** n ids uniform in [0, limit). */
    static long[] ids(Random random, int n, int limit) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = random.nextInt(limit);
        }
        return ids;
    }

    static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Checks |actual − expected| <= tolerance · max(1, |expected|) element by element. */
    static void assertClose(String what, double[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(what + "[" + i + "]", expected[i], actual[i], tolerance);
        }
    }

    static void assertClose(String what, double expected, double actual, double tolerance) {
        if (!(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)))) {
            fail(what + ": expected " + expected + ", got " + actual + " (tolerance " + tolerance + ")");
        }
    }
}
