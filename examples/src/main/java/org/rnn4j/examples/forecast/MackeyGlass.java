package org.rnn4j.examples.forecast;

/**
 * The Mackey–Glass delay differential equation, dx/dt = β·x(t−τ) / (1 + x(t−τ)^n) − γ·x(t), with the
 * standard parameters β = 0.2, γ = 0.1, n = 10 and τ = 17 (chaotic), from x = 1.2 on [−τ, 0]. Integrated
 * with fourth-order Runge–Kutta on a fine step (the delayed value at a half step is the mean of its two
 * neighbours on the grid) and sampled every {@code sampleEvery} time units.
 */
public final class MackeyGlass {
    public static final double BETA = 0.2;
    public static final double GAMMA = 0.1;
    public static final int N = 10;
    public static final double TAU = 17;
    /** The integration step: τ / dt is a whole number of steps. */
    public static final double DT = 0.01;

    private MackeyGlass() {
    }

    /** {@code samples} values x(skip + k·sampleEvery), k = 0, 1, ..., after dropping the first {@code skip} time units. */
    public static double[] series(int samples, double sampleEvery, double skip) {
        int delay = (int) Math.round(TAU / DT);
        int every = (int) Math.round(sampleEvery / DT);
        int first = (int) Math.round(skip / DT);
        int total = first + (samples - 1) * every + 1;
        double[] x = new double[delay + total];            // x[i] = x((i − delay)·dt); the first delay + 1 are the history
        java.util.Arrays.fill(x, 0, delay + 1, 1.2);
        for (int i = delay; i < x.length - 1; i++) {
            double lag0 = x[i - delay];
            double lag1 = x[i - delay + 1];
            double lagHalf = 0.5 * (lag0 + lag1);
            double k1 = f(x[i], lag0);
            double k2 = f(x[i] + 0.5 * DT * k1, lagHalf);
            double k3 = f(x[i] + 0.5 * DT * k2, lagHalf);
            double k4 = f(x[i] + DT * k3, lag1);
            x[i + 1] = x[i] + DT / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        double[] out = new double[samples];
        for (int k = 0; k < samples; k++) {
            out[k] = x[delay + first + k * every];
        }
        return out;
    }

    private static double f(double x, double lagged) {
        return BETA * lagged / (1 + Math.pow(lagged, N)) - GAMMA * x;
    }
}
