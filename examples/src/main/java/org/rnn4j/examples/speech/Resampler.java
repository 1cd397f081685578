package org.rnn4j.examples.speech;

/**
 * Band-limited resampling by a rational factor L/M (the rates divided by their greatest common divisor): each
 * output sample is the input convolved with a low-pass sinc centred at the output time, cut off at 0.95 of the
 * lower Nyquist frequency (so downsampling removes what would alias) and shaped by a Blackman window over
 * {@value #ZERO_CROSSINGS} zero crossings on each side. Output times fall on L phases between input samples,
 * so the taps are computed once per phase.
 */
final class Resampler {
    /** Half-width of the windowed sinc, in zero crossings of the filter. */
    static final int ZERO_CROSSINGS = 16;
    private static final double ROLL_OFF = 0.95;
    private static final int MAX_PHASES = 20_000;

    private Resampler() {
    }

    static float[] resample(float[] input, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be > 0, got " + fromRate + " and " + toRate);
        }
        long divisor = gcd(fromRate, toRate);
        int up = (int) (toRate / divisor), down = (int) (fromRate / divisor);     // L, M
        if (up > MAX_PHASES) {
            throw new IllegalArgumentException("cannot resample " + fromRate + " Hz to " + toRate
                    + " Hz: more than " + MAX_PHASES + " phases");
        }
        double cutoff = ROLL_OFF * Math.min(1, (double) up / down);  // of the input's Nyquist frequency
        int half = (int) Math.ceil(ZERO_CROSSINGS / cutoff);          // taps on each side, in input samples
        double[][] taps = new double[up][2 * half + 1];               // [phase][k + half]
        for (int phase = 0; phase < up; phase++) {
            for (int k = -half; k <= half; k++) {
                double x = k - (double) phase / up;                   // input sample minus output time
                taps[phase][k + half] = cutoff * sinc(cutoff * x) * blackman(x / (half + 1));
            }
        }
        int outputs = (int) ((long) input.length * up / down);
        float[] out = new float[outputs];
        for (int j = 0; j < outputs; j++) {
            long position = (long) j * down;
            int base = (int) (position / up);                         // the input sample at or before output j
            double[] h = taps[(int) (position % up)];
            double sum = 0;
            for (int k = Math.max(-half, -base); k <= Math.min(half, input.length - 1 - base); k++) {
                sum += input[base + k] * h[k + half];
            }
            out[j] = (float) sum;
        }
        return out;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** The Blackman window at u in [−1, 1]. */
    private static double blackman(double u) {
        return Math.abs(u) >= 1 ? 0 : 0.42 + 0.5 * Math.cos(Math.PI * u) + 0.08 * Math.cos(2 * Math.PI * u);
    }
}
