package org.rnn4j.spark;

/**
 * The projection of the scaling report: weak scaling (every executor keeps the main job's 32 streams, the global
 * batch grows with P) on a network of {@code bytesPerSecond}, for synchronisation every k updates:
 * <pre>
 *   t_k(P) = s_k + (o_k + a_k(P) + b_k(P)) / k,   efficiency E_k(P) = s_k / t_k(P)
 *   s_k    = c_k + u_k: the work a single machine does too, per update — the partition's compute c_k (forward,
 *            backward; with k > 1 also its clip and optimizer step), measured on the executor, and the
 *            driver's part u_k (k = 1: clip and Adam step; k > 1: installing the averages, over k)
 *   o_k    = what Spark adds per job without a network: local[1]'s job time minus c_k·k (scheduling, making
 *            and reading the broadcast, task and result (de)serialisation, the merges)
 *   a_k(P) = treeAggregate (depth 2), at each level's busiest receiver (its fan-in F_l, as Spark's treeAggregate
 *            cuts the levels) the partial sums received one after another: Σ_l F_l · bytes_l / bandwidth, where
 *            a task sends its f32 payload (bytes_0 = 4·(1 + m_k)·n) and an inner level its f64 sums
 *            (bytes_l = 8·(1 + m_k)·n); the payload is the gradient (k = 1: m_1 = 0) or the parameters and
 *            optimizer state (k > 1: m_k = m, the state tensors per parameter)
 *   b_k(P) = TorrentBroadcast of the f32 parameters (k > 1: and state, 4·(1 + m) bytes per parameter),
 *            (1 + log2 P) transfers
 * </pre>
 *
 * @param parameters     the model's parameters n
 * @param stateTensors   m, the optimizer's state tensors per parameter (Adam: 2); 0 for k = 1's messages
 * @param bytesPerSecond the network's bandwidth
 */
record ScalingModel(long parameters, int stateTensors, double bytesPerSecond) {

    /** a_k(P), seconds. */
    double aggregationSeconds(int k, int executors) {
        int[] fanIns = fanIns(executors);
        double bytes = 0;
        for (int level = 0; level < fanIns.length; level++) {
            bytes += fanIns[level] * (level == 0 ? 4.0 : 8.0) * parameters * (k == 1 ? 1 : 1 + stateTensors);
        }
        return bytes / bytesPerSecond;
    }

    /** b_k(P), seconds. */
    double broadcastSeconds(int k, int executors) {
        return 4.0 * parameters * (k == 1 ? 1 : 1 + stateTensors) * (1 + Math.log(executors) / Math.log(2))
                / bytesPerSecond;
    }

    /** t_k(P), seconds per update, from s_k and o_k (seconds per update and per job). */
    double secondsPerUpdate(int k, int executors, double work, double overheadPerJob) {
        return work + (overheadPerJob + aggregationSeconds(k, executors) + broadcastSeconds(k, executors)) / k;
    }

    /** E_k(P). */
    double efficiency(int k, int executors, double work, double overheadPerJob) {
        return work / secondsPerUpdate(k, executors, work, overheadPerJob);
    }

    /** The largest per-job overhead o_k with E_k(P) >= {@code target}, seconds. */
    double overheadBudget(int k, int executors, double work, double target) {
        return k * work * (1 / target - 1) - aggregationSeconds(k, executors) - broadcastSeconds(k, executors);
    }

    /** Each level's busiest receiver's fan-in, from the tasks up, as Spark's treeAggregate (depth 2) cuts P partitions. */
    static int[] fanIns(int partitions) {
        int scale = Math.max((int) Math.ceil(Math.pow(partitions, 1.0 / 2)), 2);
        int n = partitions;
        java.util.List<Integer> levels = new java.util.ArrayList<>();
        while (n > scale + (int) Math.ceil((double) n / scale)) {
            int next = n / scale;
            levels.add((int) Math.ceil((double) n / next));
            n = next;
        }
        levels.add(n);
        return levels.stream().mapToInt(Integer::intValue).toArray();
    }
}
