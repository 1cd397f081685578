package org.rnn4j.reference.ops;

/** Reference gradient clipping over a list of buffers, in place, in double. */
public final class ReferenceClipping {
    private ReferenceClipping() {
    }

    /**
     * Scales every buffer by maxNorm / norm when their global L2 norm is finite and above maxNorm;
     * returns the norm before clipping.
     */
    public static double clipByGlobalNorm(double[][] buffers, double maxNorm) {
        double squares = 0;
        for (double[] buffer : buffers) {
            for (double v : buffer) {
                squares += v * v;
            }
        }
        double norm = Math.sqrt(squares);
        if (Double.isFinite(norm) && norm > maxNorm) {
            double scale = maxNorm / norm;
            for (double[] buffer : buffers) {
                for (int i = 0; i < buffer.length; i++) {
                    buffer[i] *= scale;
                }
            }
        }
        return norm;
    }

    /** Clamps every element to [−maxValue, maxValue]; NaN stays NaN. */
    public static void clipByValue(double[][] buffers, double maxValue) {
        for (double[] buffer : buffers) {
            for (int i = 0; i < buffer.length; i++) {
                double v = buffer[i];
                buffer[i] = v > maxValue ? maxValue : v < -maxValue ? -maxValue : v;
            }
        }
    }
}
