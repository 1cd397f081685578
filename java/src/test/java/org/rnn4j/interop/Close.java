package org.rnn4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tolerances for f32 rnn4j results against double-precision references: max-norm relative error
 * {@code max|actual - expected| / max(1, max|expected|)} at most {@link #F32}; gradients against
 * central finite differences within {@link #GRADIENT} relative to max(1, |expected|).
 */
public final class Close {
    /** f32 arithmetic over a few small layers stays well inside this. */
    public static final double F32 = 2e-5;
    /** f32 backward against double finite differences (eps 1e-5, truncation error ~1e-10). */
    public static final double GRADIENT = 2e-4;

    private Close() {
    }

    /** Every element within {@link #F32} (max-norm relative). */
    public static void arrays(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]) / scale;
            int index = i;
            assertTrue(err <= F32, () -> what + "[" + index + "]: expected " + expected[index] + ", got "
                    + actual[index] + " (relative error " + err + ")");
        }
    }

    /** A gradient against a finite difference. */
    public static void gradient(String what, double finiteDifference, double actual) {
        double err = Math.abs(finiteDifference - actual) / Math.max(1, Math.abs(finiteDifference));
        assertTrue(err <= GRADIENT, () -> what + ": finite difference " + finiteDifference + ", got " + actual
                + " (relative error " + err + ")");
    }
}
