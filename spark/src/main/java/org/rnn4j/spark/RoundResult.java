package org.rnn4j.spark;

import java.io.Serializable;

/**
 * What one partition computed in one round of local updates.
 *
 * @param partition      the partition
 * @param parameters     its parameters after the round, or null when it had no rows in any of its windows
 *                       (then it takes no part in the average)
 * @param optimizerState its optimizer state after the round, or null with {@code parameters}
 * @param optimizerSteps its optimizer's update count after the round
 * @param lossSums       per update, its loss mean times its weight (0 when it had no rows there)
 * @param weights        per update, its loss weight
 * @param corrects       per update, the weight of its correct predictions (NaN when the loss counts none)
 * @param norms          per update, its gradient norm before clipping, NaN when it had no rows there
 * @param finalState     its rows' state after the last window, or null (no truncated BPTT, or no rows there)
 * @param times          where the task's time went on the executor
 */
record RoundResult(int partition, FlatTensors parameters, FlatTensors optimizerState, long optimizerSteps,
                   double[] lossSums, double[] weights, double[] corrects, double[] norms, StateRows finalState,
                   TaskTimes times) implements Serializable {

    /** A partition without rows in any window of the round. */
    static RoundResult empty(int partition, int updates) {
        double[] nan = new double[updates];
        java.util.Arrays.fill(nan, Double.NaN);
        return new RoundResult(partition, null, null, 0, new double[updates], new double[updates],
                new double[updates], nan, null, TaskTimes.NONE);
    }

    /** This result with the task's share and read times. */
    RoundResult withShareAndRead(long share, long read) {
        return new RoundResult(partition, parameters, optimizerState, optimizerSteps, lossSums, weights, corrects, norms,
                finalState, times.withShareAndRead(share, read));
    }
}
