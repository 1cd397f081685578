package org.rnn4j.spark;

/**
 * What the training jobs took, for the scaling report: per job (one per update with {@code syncEvery(1)},
 * one per round of k updates otherwise) the wall time on the driver, and of it the time spent making the
 * broadcast; on the executors the slowest partition's time building its share, reading the broadcast and
 * computing; the time merging partial sums; and the bytes one partition sends to the aggregation.
 * The rest of a job's time is Spark's: scheduling, task and result (de)serialisation and transfer.
 */
public final class StepStats {
    private Snapshot totals = new Snapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    private long bytesPerPartition;
    private long parameterCount;
    private long taskBytes;

    /** A training job of syncEvery(1): one update, the partitions' f64 gradient sums. */
    synchronized void recordStep(long broadcast, long nanos, ShardSum sum, long parameters) {
        record(1, broadcast, nanos, sum.times);
        bytesPerPartition = 4 * parameters;
        parameterCount = parameters;
    }

    /** A round of {@code roundUpdates} updates: the partitions' f64 parameter and optimizer-state sums. */
    synchronized void recordRound(int roundUpdates, long broadcast, long nanos, RoundSum sum) {
        record(roundUpdates, broadcast, nanos, sum.times);
        if (sum.replicas > 0) {
            bytesPerPartition = 4 * (sum.parameterElements() + sum.stateElements());
            parameterCount = sum.parameterElements();
        }
    }

    /** The serialised size of one task's function (job, broadcast handles, sharding), measured once. */
    synchronized void recordTaskBytes(long bytes) {
        taskBytes = bytes;
    }

    private void record(int updates, long broadcast, long nanos, JobTimes t) {
        totals = totals.plus(new Snapshot(1, updates, nanos, broadcast, t.maxShareNanos, t.maxReadNanos,
                t.maxComputeNanos, t.totalComputeNanos, t.mergeNanos, t.partitions));
    }

    /** The totals so far, to subtract from a later snapshot (e.g. to leave out warm-up steps). */
    public synchronized Snapshot snapshot() {
        return totals;
    }

    /**
     * Totals of the training jobs up to some moment (times in nanoseconds; "slowest" is per job, summed).
     *
     * @param jobs              training jobs (rounds)
     * @param updates           updates they made
     * @param jobNanos          their wall time on the driver, the broadcast included
     * @param broadcastNanos    the part spent copying the parameters (and optimizer state) into a broadcast
     * @param shareNanos        the slowest partition's building (or finding) its share of the batch
     * @param readNanos         the slowest partition's reading of the broadcast
     * @param maxComputeNanos   the slowest partition's compute time
     * @param totalComputeNanos every partition's compute time
     * @param mergeNanos        merging partial sums (the aggregation's arithmetic)
     * @param partitionResults  partition results summed
     */
    public record Snapshot(long jobs, long updates, long jobNanos, long broadcastNanos, long shareNanos, long readNanos,
                           long maxComputeNanos, long totalComputeNanos, long mergeNanos, long partitionResults) {

        Snapshot plus(Snapshot o) {
            return new Snapshot(jobs + o.jobs, updates + o.updates, jobNanos + o.jobNanos,
                    broadcastNanos + o.broadcastNanos, shareNanos + o.shareNanos, readNanos + o.readNanos,
                    maxComputeNanos + o.maxComputeNanos, totalComputeNanos + o.totalComputeNanos,
                    mergeNanos + o.mergeNanos, partitionResults + o.partitionResults);
        }

        /** What happened between {@code earlier} and this. */
        public Snapshot minus(Snapshot e) {
            return new Snapshot(jobs - e.jobs, updates - e.updates, jobNanos - e.jobNanos,
                    broadcastNanos - e.broadcastNanos, shareNanos - e.shareNanos, readNanos - e.readNanos,
                    maxComputeNanos - e.maxComputeNanos, totalComputeNanos - e.totalComputeNanos,
                    mergeNanos - e.mergeNanos, partitionResults - e.partitionResults);
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

        /** Mean of the slowest partition's compute time, seconds per job (round). */
        public double computeSecondsPerJob() {
            return maxComputeNanos / 1e9 / jobs;
        }

        /** Job time not spent computing (everything but the slowest partition's compute), seconds per job. */
        public double overheadSecondsPerJob() {
            return (jobNanos - maxComputeNanos) / 1e9 / jobs;
        }

        /** Seconds per job of: broadcast, share, read, merge, and Spark's rest (scheduling, (de)serialisation). */
        public double[] overheadPartsPerJob() {
            double rest = jobNanos - maxComputeNanos - broadcastNanos - shareNanos - readNanos - mergeNanos;
            return new double[] {broadcastNanos / 1e9 / jobs, shareNanos / 1e9 / jobs, readNanos / 1e9 / jobs,
                    mergeNanos / 1e9 / jobs, rest / 1e9 / jobs};
        }
    }

    /** Training jobs run (one per update with syncEvery(1), one per round otherwise). */
    public synchronized long jobs() {
        return totals.jobs();
    }

    /** Updates the training jobs made. */
    public synchronized long steps() {
        return totals.updates();
    }

    /** Mean wall time of the training jobs per update (broadcast, tasks, aggregation), in seconds. */
    public synchronized double secondsPerStep() {
        return totals.updates() == 0 ? Double.NaN : totals.secondsPerStep();
    }

    /** Mean, over updates, of the slowest partition's compute time, in seconds. */
    public synchronized double computeSecondsPerStep() {
        return totals.updates() == 0 ? Double.NaN : totals.computeSecondsPerStep();
    }

    /**
     * Bytes one partition's task sends to the aggregation (the f32 payload; the sums are made in f64 where
     * partial sums meet, and an inner level of the tree sends those, 8 bytes per element): with syncEvery(1)
     * its gradient, 4 bytes per parameter; with k > 1 its parameters and optimizer state.
     */
    public synchronized long gradientBytes() {
        return bytesPerPartition;
    }

    /** Parameters (f32 elements) of the model. */
    public synchronized long parameterCount() {
        return parameterCount;
    }

    /** The serialised size of one task's function, bytes (0 before the first training job). */
    public synchronized long taskBytes() {
        return taskBytes;
    }
}
