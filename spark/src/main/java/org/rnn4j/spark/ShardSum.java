package org.rnn4j.spark;

import java.io.Serializable;
import java.util.TreeMap;

/**
 * The sum of partitions' {@link ShardResult}s, as {@code treeAggregate} builds it. The gradients are summed
 * in f64, where adding a few f32 terms is exact in practice, so the sum does not depend on the order in
 * which Spark combines the partitions (a retried or late task changes nothing). A sum of one partition — what
 * each task sends — keeps its f32 gradient and weight (4 bytes per parameter on the wire, not 8), turned
 * into the f64 product weight · gradient when a second one joins: the same sums, bit for bit.
 */
final class ShardSum implements Serializable {
    private static final long serialVersionUID = 1L;

    double lossSum;
    double weight;
    double correct;
    /** Σ weight_p · gradient_p per parameter, or null while at most one gradient was added. */
    private double[][] gradients;
    /** The only gradient added so far (f32, as its task computed it) and its weight: sent at half the bytes. */
    private float[][] single;
    private double singleWeight;
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
            if (sum.gradients == null && sum.single == null) {
                sum.single = r.gradients();
                sum.singleWeight = r.weight();
            } else {
                addInto(sum.gradients(), r.gradients(), r.weight());
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
        if (b.gradients != null || b.single != null) {
            if (a.gradients == null && a.single == null) {
                a.gradients = b.gradients;
                a.single = b.single;
                a.singleWeight = b.singleWeight;
            } else {
                double[][] s = a.gradients();
                double[][] t = b.gradients();
                for (int i = 0; i < t.length; i++) {
                    for (int j = 0; j < t[i].length; j++) {
                        s[i][j] += t[i][j];
                    }
                }
            }
        }
        a.finalStates.putAll(b.finalStates);
        a.times.merge(b.times, System.nanoTime() - start);
        return a;
    }

    /** Σ_p weight_p · gradient_p per parameter in f64, or null when no gradient was added. */
    double[][] gradients() {
        if (gradients == null && single != null) {
            gradients = new double[single.length][];
            for (int i = 0; i < single.length; i++) {
                gradients[i] = new double[single[i].length];
            }
            addInto(gradients, single, singleWeight);
            single = null;
        }
        return gradients;
    }

    private static void addInto(double[][] sums, float[][] gradients, double weight) {
        for (int i = 0; i < gradients.length; i++) {
            float[] g = gradients[i];
            double[] s = sums[i];
            for (int j = 0; j < g.length; j++) {
                s[j] += weight * g[j];
            }
        }
    }
}
