package org.rnn4j.bench.run;

import java.util.Arrays;

/**
 * Median wall time of a step: {@code warmups} untimed runs, then timed runs until both {@code minRuns} and
 * {@code seconds} are reached, at most {@code maxRuns}. A fixed budget per row keeps a run's duration
 * predictable.
 */
public record Timing(double medianMs, int runs) {

    /** How many times to run a step. */
    public record Budget(int warmups, int minRuns, int maxRuns, double seconds) {
    }

    public static Timing of(Budget budget, Runnable step) {
        for (int i = 0; i < budget.warmups(); i++) {
            step.run();
        }
        double[] ms = new double[budget.maxRuns()];
        int runs = 0;
        long start = System.nanoTime();
        while (runs < budget.maxRuns()
                && (runs < budget.minRuns() || (System.nanoTime() - start) / 1e9 < budget.seconds())) {
            long t0 = System.nanoTime();
            step.run();
            ms[runs++] = (System.nanoTime() - t0) / 1e6;
        }
        double[] sorted = Arrays.copyOf(ms, runs);
        Arrays.sort(sorted);
        return new Timing(sorted[runs / 2], runs);
    }
}
