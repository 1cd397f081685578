package org.rnn4j.spark;

import java.io.Serializable;

import org.rnn4j.backend.Backend;

/**
 * What one Spark job of a step asks each partition to do (serialised into its tasks).
 *
 * @param trainerId which trainer's executor-side models to use
 * @param rddId     the RDD the partitions belong to (training or validation data)
 * @param mode      a training forward and backward, or an inference loss
 * @param epoch     the epoch of the batch
 * @param batch     the batch within the epoch
 * @param from      the first step of the window, or -1 for the whole batch
 * @param to        the end of the window (exclusive), or -1
 * @param seed      the dropout seed the trainer drew for this forward (each partition mixes in its index)
 * @param backend   the backend the driver's model runs on
 */
record ShardJob(String trainerId, int rddId, Mode mode, int epoch, int batch, int from, int to, long seed, Backend backend)
        implements Serializable {

    /** What a task computes. */
    enum Mode {
        TRAIN,
        EVALUATE
    }

    boolean windowed() {
        return from >= 0;
    }
}
