package org.rnn4j.spark;

import java.io.Serializable;
import java.util.TreeMap;

/**
 * The sum of partitions' {@link ShardResult}s, as {@code treeAggregate} builds it. The gradients are summed
 * in f64, where adding a few f32 terms is exact in practice, so the sum does not depend on the order in
 * which Spark combines the partitions (a retried or late task changes nothing).
 */
final class ShardSum implements Serializable {
    private static final long serialVersionUID = 1L;

    double lossSum;
    double weight;
    double correct;
    /** Σ weight_p · gradient_p per parameter, or null before the first gradient. */
    double[][] gradients;
    /** Each partition's final state, by partition. */
    final TreeMap<Integer, StateRows> finalStates = new TreeMap<>();
    /** Where the tasks' time went. */
    final JobTimes times = new JobTimes();

    /** seqOp: adds one partition's result. */
    static ShardSum add(ShardSum sum, ShardResult r) {
        sum.lossSum += r.lossSum();
        sum.weight += r.weight();
        sum.correct += r.correct();
        if (r.gradients() != null) {
            if (sum.gradients == null) {
                sum.gradients = new double[r.gradients().length][];
                for (int i = 0; i < r.gradients().length; i++) {
                    sum.gradients[i] = new double[r.gradients()[i].length];
                }
            }
            for (int i = 0; i < r.gradients().length; i++) {
                float[] g = r.gradients()[i];
                double[] s = sum.gradients[i];
                double w = r.weight();
                for (int j = 0; j < g.length; j++) {
                    s[j] += w * g[j];
                }
            }
        }
        if (r.finalState() != null) {
            sum.finalStates.put(r.partition(), r.finalState());
        }
        sum.times.add(r.times());
        return sum;
    }

    /** combOp: merges two partial sums. */
    static ShardSum merge(ShardSum a, ShardSum b) {
        long start = System.nanoTime();
        a.lossSum += b.lossSum;
        a.weight += b.weight;
        a.correct += b.correct;
        if (b.gradients != null) {
            if (a.gradients == null) {
                a.gradients = b.gradients;
            } else {
                for (int i = 0; i < b.gradients.length; i++) {
                    double[] s = a.gradients[i];
                    double[] t = b.gradients[i];
                    for (int j = 0; j < t.length; j++) {
                        s[j] += t[j];
                    }
                }
            }
        }
        a.finalStates.putAll(b.finalStates);
        a.times.merge(b.times, System.nanoTime() - start);
        return a;
    }
}
