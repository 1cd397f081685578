package org.rnn4j.spark;

import java.io.Serializable;

/**
 * The tasks' {@link TaskTimes} of one job as {@code treeAggregate} combines them: the slowest partition's
 * share, read and compute times, the sum of the compute times, and the time spent merging partial sums
 * (wherever the merges ran: executors for the tree's inner levels, the driver for the last).
 */
final class JobTimes implements Serializable {
    private static final long serialVersionUID = 1L;

    long maxShareNanos;
    long maxReadNanos;
    long maxComputeNanos;
    long totalComputeNanos;
    long mergeNanos;
    int partitions;

    void add(TaskTimes t) {
        maxShareNanos = Math.max(maxShareNanos, t.shareNanos());
        maxReadNanos = Math.max(maxReadNanos, t.readNanos());
        maxComputeNanos = Math.max(maxComputeNanos, t.computeNanos());
        totalComputeNanos += t.computeNanos();
        partitions++;
    }

    void merge(JobTimes other, long nanos) {
        maxShareNanos = Math.max(maxShareNanos, other.maxShareNanos);
        maxReadNanos = Math.max(maxReadNanos, other.maxReadNanos);
        maxComputeNanos = Math.max(maxComputeNanos, other.maxComputeNanos);
        totalComputeNanos += other.totalComputeNanos;
        mergeNanos += other.mergeNanos + nanos;
        partitions += other.partitions;
    }
}
