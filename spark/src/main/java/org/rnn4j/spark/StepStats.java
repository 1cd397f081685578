package org.rnn4j.spark;

/**
 * What the training jobs took, for the scaling report: per job (one per update with {@code syncEvery(1)},
 * one per round of k updates otherwise) the wall time on the driver, the part of it spent making the
 * broadcast, the longest partition's compute time, and the bytes one partition sends to the aggregation.
 */
public final class StepStats {
    private long jobs;
    private long updates;
    private long jobNanos;
    private long broadcastNanos;
    private long maxComputeNanos;
    private long totalComputeNanos;
    private long partitionResults;
    private long bytesPerPartition;
    private long parameterCount;

    /** A training job of syncEvery(1): one update, the partitions' f64 gradient sums. */
    synchronized void recordStep(long broadcast, long nanos, ShardSum sum, long parameters) {
        record(1, broadcast, nanos, sum.maxComputeNanos, sum.totalComputeNanos, sum.partitions, 8 * parameters,
                parameters);
    }

    /** A round of {@code rounds} updates: the partitions' f64 parameter and optimizer-state sums. */
    synchronized void recordRound(int roundUpdates, long broadcast, long nanos, RoundSum sum) {
        long parameters = 0;
        long state = 0;
        if (sum.parameters != null) {
            for (double[] p : sum.parameters) {
                parameters += p.length;
            }
            for (double[] s : sum.state) {
                state += s.length;
            }
        }
        record(roundUpdates, broadcast, nanos, sum.maxComputeNanos, sum.totalComputeNanos, sum.partitions,
                8 * (parameters + state), parameters);
    }

    private void record(int jobUpdates, long broadcast, long nanos, long maxCompute, long totalCompute, int partitions,
                        long bytes, long parameters) {
        jobs++;
        updates += jobUpdates;
        jobNanos += nanos;
        broadcastNanos += broadcast;
        maxComputeNanos += maxCompute;
        totalComputeNanos += totalCompute;
        partitionResults += partitions;
        if (parameters > 0) {
            bytesPerPartition = bytes;
            parameterCount = parameters;
        }
    }

    /** The totals so far, to subtract from a later snapshot (e.g. to leave out warm-up steps). */
    public synchronized Snapshot snapshot() {
        return new Snapshot(jobs, updates, jobNanos, broadcastNanos, maxComputeNanos, totalComputeNanos,
                partitionResults);
    }

    /**
     * Totals of the training jobs up to some moment.
     *
     * @param jobs              training jobs (rounds)
     * @param updates           updates they made
     * @param jobNanos          their wall time on the driver, the broadcast included
     * @param broadcastNanos    the part spent copying the parameters (and optimizer state) into a broadcast
     * @param maxComputeNanos   the sum over jobs of the slowest partition's compute time
     * @param totalComputeNanos the sum of every partition's compute time
     * @param partitionResults  partition results summed
     */
    public record Snapshot(long jobs, long updates, long jobNanos, long broadcastNanos, long maxComputeNanos,
                           long totalComputeNanos, long partitionResults) {

        /** What happened between {@code earlier} and this. */
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(jobs - earlier.jobs, updates - earlier.updates, jobNanos - earlier.jobNanos,
                    broadcastNanos - earlier.broadcastNanos, maxComputeNanos - earlier.maxComputeNanos,
                    totalComputeNanos - earlier.totalComputeNanos, partitionResults - earlier.partitionResults);
        }

        /** Mean job wall time per update, seconds. */
        public double secondsPerStep() {
            return jobNanos / 1e9 / updates;
        }

        /** Mean of the slowest partition's compute time per update, seconds. */
        public double computeSecondsPerStep() {
            return maxComputeNanos / 1e9 / updates;
        }

        /** Mean job wall time, seconds per job (round). */
        public double secondsPerJob() {
            return jobNanos / 1e9 / jobs;
        }

        /** Mean time to make a job's broadcast on the driver, seconds per job. */
        public double broadcastSecondsPerJob() {
            return broadcastNanos / 1e9 / jobs;
        }

        /** Job time not spent computing (scheduling, broadcast, serialisation, aggregation), seconds per job. */
        public double overheadSecondsPerJob() {
            return (jobNanos - maxComputeNanos) / 1e9 / jobs;
        }
    }

    /** Training jobs run (one per update with syncEvery(1), one per round otherwise). */
    public synchronized long jobs() {
        return jobs;
    }

    /** Updates the training jobs made. */
    public synchronized long steps() {
        return updates;
    }

    /** Mean wall time of the training jobs per update (broadcast, tasks, aggregation), in seconds. */
    public synchronized double secondsPerStep() {
        return updates == 0 ? Double.NaN : jobNanos / 1e9 / updates;
    }

    /** Mean, over updates, of the slowest partition's compute time, in seconds. */
    public synchronized double computeSecondsPerStep() {
        return updates == 0 ? Double.NaN : maxComputeNanos / 1e9 / updates;
    }

    /** Mean compute time of one partition's task, in seconds. */
    public synchronized double computeSecondsPerPartition() {
        return partitionResults == 0 ? Double.NaN : totalComputeNanos / 1e9 / partitionResults;
    }

    /**
     * Bytes one partition's task sends to the aggregation: with syncEvery(1) its weighted gradient as the f64
     * partial sum (8 bytes per parameter, so that the sum is independent of the order); with k > 1 its
     * parameters and optimizer state, f64 likewise.
     */
    public synchronized long gradientBytes() {
        return bytesPerPartition;
    }

    /** Parameters (f32 elements) of the model. */
    public synchronized long parameterCount() {
        return parameterCount;
    }

    /** Job time not spent computing, per update (job wall time minus the slowest partition), in seconds. */
    public synchronized double overheadSecondsPerStep() {
        return secondsPerStep() - computeSecondsPerStep();
    }
}
