package org.rnn4j.spark;

import java.util.List;

import org.rnn4j.nn.Parameter;

/**
 * What the training jobs took, for the scaling report: wall time of each job on the driver, the longest
 * partition's compute time, and the bytes of gradients the partitions sent.
 */
public final class StepStats {
    private long steps;
    private long jobNanos;
    private long maxComputeNanos;
    private long totalComputeNanos;
    private long partitionResults;
    private long gradientElements;

    synchronized void record(ShardJob.Mode mode, long nanos, ShardSum sum, List<Parameter> parameters) {
        if (mode != ShardJob.Mode.TRAIN) {
            return;
        }
        steps++;
        jobNanos += nanos;
        maxComputeNanos += sum.maxComputeNanos;
        totalComputeNanos += sum.totalComputeNanos;
        partitionResults += sum.partitions;
        long n = 0;
        for (Parameter p : parameters) {
            n += p.size();
        }
        gradientElements = n;
    }

    /** The totals so far, to subtract from a later snapshot (e.g. to leave out warm-up steps). */
    public synchronized Snapshot snapshot() {
        return new Snapshot(steps, jobNanos, maxComputeNanos, totalComputeNanos, partitionResults);
    }

    /**
     * Totals of the training jobs up to some moment.
     *
     * @param steps             training jobs
     * @param jobNanos          their wall time on the driver
     * @param maxComputeNanos   the sum over jobs of the slowest partition's compute time
     * @param totalComputeNanos the sum of every partition's compute time
     * @param partitionResults  partition results summed
     */
    public record Snapshot(long steps, long jobNanos, long maxComputeNanos, long totalComputeNanos,
                           long partitionResults) {

        /** What happened between {@code earlier} and this. */
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(steps - earlier.steps, jobNanos - earlier.jobNanos,
                    maxComputeNanos - earlier.maxComputeNanos, totalComputeNanos - earlier.totalComputeNanos,
                    partitionResults - earlier.partitionResults);
        }

        /** Mean job wall time, seconds. */
        public double secondsPerStep() {
            return jobNanos / 1e9 / steps;
        }

        /** Mean of the slowest partition's compute time, seconds. */
        public double computeSecondsPerStep() {
            return maxComputeNanos / 1e9 / steps;
        }
    }

    /** Training jobs run. */
    public synchronized long steps() {
        return steps;
    }

    /** Mean wall time of a training job on the driver (broadcast, tasks, aggregation), in seconds. */
    public synchronized double secondsPerStep() {
        return steps == 0 ? Double.NaN : jobNanos / 1e9 / steps;
    }

    /** Mean, over steps, of the slowest partition's forward and backward, in seconds. */
    public synchronized double computeSecondsPerStep() {
        return steps == 0 ? Double.NaN : maxComputeNanos / 1e9 / steps;
    }

    /** Mean forward-and-backward time of one partition, in seconds. */
    public synchronized double computeSecondsPerPartition() {
        return partitionResults == 0 ? Double.NaN : totalComputeNanos / 1e9 / partitionResults;
    }

    /**
     * Bytes of gradient one partition's task sends: its weighted gradient as the f64 partial sum that
     * {@code treeAggregate} combines (8 bytes per parameter, so that the sum is independent of the order).
     */
    public synchronized long gradientBytes() {
        return 8 * gradientElements;
    }

    /** Parameters (f32 elements) of the model. */
    public synchronized long parameterCount() {
        return gradientElements;
    }

    /**
     * Job time not spent computing: scheduling, broadcast, serialisation and the aggregation, in seconds
     * per step (job wall time minus the slowest partition).
     */
    public synchronized double overheadSecondsPerStep() {
        return secondsPerStep() - computeSecondsPerStep();
    }
}
