package org.rnn4j.bench.run;

/**
 * Fixed per-row budgets, so a run's duration is predictable: the native path runs for a number of seconds;
 * the slow pure-JVM baselines run a fixed number of FLOPs per step, on sequences shortened to fit (their
 * time then scaled to the row's real steps, which the JSON and the table say); the scalar baseline, which
 * runs one sequence after the other, also on fewer sequences when one step of all N does not fit.
 *
 * @param nativeRuns     the native path's (and the raw C++ step's) runs
 * @param jvmRuns        the shipped JVM backend's runs
 * @param scalarRuns     the scalar baseline's runs
 * @param jvmFlops       at most this many FLOPs per JVM-backend step (T shortened to fit, at least 5 steps)
 * @param scalarFlops    at most this many FLOPs per scalar step
 * @param charLmSteps    timed char-LM training updates per backend (after one warm-up)
 */
public record Budgets(Timing.Budget nativeRuns, Timing.Budget jvmRuns, Timing.Budget scalarRuns, double jvmFlops,
                      double scalarFlops, int charLmSteps) {

    /** --quick: the whole table in ~15 minutes on 2 cores. */
    public static Budgets quick() {
        return new Budgets(new Timing.Budget(2, 3, 20, 1.5), new Timing.Budget(1, 3, 5, 2.0),
                new Timing.Budget(1, 2, 3, 1.0), 5e9, 0.8e9, 3);
    }

    /** The full run: longer budgets, the T everywhere. */
    public static Budgets full() {
        return new Budgets(new Timing.Budget(3, 10, 50, 5.0), new Timing.Budget(1, 5, 10, 10.0),
                new Timing.Budget(1, 3, 5, 5.0), 60e9, 6e9, 10);
    }

    /** The most sequences ≤ N whose {@code steps}-step run fits in {@code flops} (at least 1). */
    static int sequencesWithin(BenchRow row, int steps, double flops) {
        double perSequence = steps * row.flopsPerSequenceStep();
        return (int) Math.max(1, Math.min(row.batch(), Math.floor(flops / perSequence)));
    }

    /** The JVM backend runs at least this many steps (or T): its per-step and all-steps GEMMs keep their shapes. */
    static final int MIN_JVM_STEPS = 5;

    /** The longest T ≤ {@code row}'s T whose step fits in {@code flops} (at least 1). */
    static int stepsWithin(BenchRow row, double flops) {
        double perStep = row.batch() * row.flopsPerSequenceStep();
        return (int) Math.max(1, Math.min(row.steps(), Math.floor(flops / perStep)));
    }

    /** {@link #stepsWithin} for the JVM backend: at least {@value #MIN_JVM_STEPS} steps (or T). */
    static int jvmStepsWithin(BenchRow row, double flops) {
        return Math.max(Math.min(row.steps(), MIN_JVM_STEPS), stepsWithin(row, flops));
    }
}
