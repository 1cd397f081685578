package org.rnn4j.spark;

import java.io.Serializable;

/**
 * What one partition computed in one step.
 *
 * @param partition    the partition
 * @param lossSum      its loss mean times its weight
 * @param weight       its loss weight (real target tokens, steps or sequences)
 * @param correct      the weight of its correct predictions (NaN when the loss counts none)
 * @param gradients    the gradient of its mean loss, per parameter; null when evaluating
 * @param finalState   the state of its rows after the window, or null
 * @param times        where the task's time went on the executor
 */
record ShardResult(int partition, double lossSum, double weight, double correct, float[][] gradients,
                   StateRows finalState, TaskTimes times) implements Serializable {

    /** A partition without rows in this batch or window. */
    static ShardResult empty(int partition) {
        return new ShardResult(partition, 0, 0, 0, null, null, TaskTimes.NONE);
    }

    /** This result with the task's share and read times. */
    ShardResult withShareAndRead(long share, long read) {
        return new ShardResult(partition, lossSum, weight, correct, gradients, finalState,
                times.withShareAndRead(share, read));
    }
}
