package org.rnn4j.spark;

import java.io.Serializable;

/**
 * Where one task's time went on its executor, in nanoseconds: building (or finding) the partition's share of
 * the batch, reading the job's broadcast, and computing (the parameters copied in, forward, backward and,
 * in a round, the local optimizer steps).
 */
record TaskTimes(long shareNanos, long readNanos, long computeNanos) implements Serializable {

    static final TaskTimes NONE = new TaskTimes(0, 0, 0);

    TaskTimes withShareAndRead(long share, long read) {
        return new TaskTimes(share, read, computeNanos);
    }
}
