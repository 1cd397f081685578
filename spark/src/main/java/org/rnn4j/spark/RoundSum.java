package org.rnn4j.spark;

import java.io.Serializable;
import java.util.TreeMap;

/**
 * The sum of partitions' {@link RoundResult}s, as {@code treeAggregate} builds it: parameters and optimizer
 * state summed in f64 (exact in practice for a few f32 terms, so independent of the order in which Spark
 * combines the partitions), the count of partitions that trained (the average's denominator), and per update
 * the losses, weights and gradient norms. A sum of one partition — what each task sends — keeps its f32
 * values (4 bytes per element on the wire, not 8) until a second joins; the mean of one is its values.
 */
final class RoundSum implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Names and shapes of the parameters and state (the first result's), or null before any. */
    private FlatTensors parametersLike;
    private FlatTensors stateLike;
    /** Σ_p parameters_p and Σ_p state_p over the partitions that trained; null while at most one did. */
    private double[][] parameters;
    private double[][] state;
    /** Partitions that trained: with one, its f32 parameters and state stand for the sums (half the bytes). */
    int replicas;
    long maxOptimizerSteps;
    double[] lossSums;
    double[] weights;
    double[] corrects;
    /** Σ_p norm_p and how many partitions ran, per update. */
    double[] normSums;
    int[] normCounts;
    final TreeMap<Integer, StateRows> finalStates = new TreeMap<>();
    /** Where the tasks' time went. */
    final JobTimes times = new JobTimes();

    /** seqOp: adds one partition's result. */
    static RoundSum add(RoundSum sum, RoundResult r) {
        int updates = r.lossSums().length;
        if (sum.lossSums == null) {
            sum.lossSums = new double[updates];
            sum.weights = new double[updates];
            sum.corrects = new double[updates];
            sum.normSums = new double[updates];
            sum.normCounts = new int[updates];
        }
        for (int j = 0; j < updates; j++) {
            sum.lossSums[j] += r.lossSums()[j];
            sum.weights[j] += r.weights()[j];
            sum.corrects[j] += r.corrects()[j];
            if (!Double.isNaN(r.norms()[j])) {
                sum.normSums[j] += r.norms()[j];
                sum.normCounts[j]++;
            }
        }
        if (r.parameters() != null) {
            if (sum.replicas == 0) {
                sum.parametersLike = r.parameters();
                sum.stateLike = r.optimizerState();
            } else {
                sum.materialise();
                addInto(sum.parameters, r.parameters());
                addInto(sum.state, r.optimizerState());
            }
            sum.replicas++;
            sum.maxOptimizerSteps = Math.max(sum.maxOptimizerSteps, r.optimizerSteps());
        }
        if (r.finalState() != null) {
            sum.finalStates.put(r.partition(), r.finalState());
        }
        sum.times.add(r.times());
        return sum;
    }

    /** combOp: merges two partial sums. */
    static RoundSum merge(RoundSum a, RoundSum b) {
        long start = System.nanoTime();
        if (b.lossSums == null) {
            return a;
        }
        if (a.lossSums == null) {
            return b;
        }
        for (int j = 0; j < a.lossSums.length; j++) {
            a.lossSums[j] += b.lossSums[j];
            a.weights[j] += b.weights[j];
            a.corrects[j] += b.corrects[j];
            a.normSums[j] += b.normSums[j];
            a.normCounts[j] += b.normCounts[j];
        }
        if (b.replicas > 0) {
            if (a.replicas == 0) {
                a.parametersLike = b.parametersLike;
                a.stateLike = b.stateLike;
                a.parameters = b.parameters;
                a.state = b.state;
            } else {
                a.materialise();
                b.materialise();
                addInto(a.parameters, b.parameters);
                addInto(a.state, b.state);
            }
            a.replicas += b.replicas;
            a.maxOptimizerSteps = Math.max(a.maxOptimizerSteps, b.maxOptimizerSteps);
        }
        a.finalStates.putAll(b.finalStates);
        a.times.merge(b.times, System.nanoTime() - start);
        return a;
    }

    /** Parameter elements (0 before a partition trained). */
    long parameterElements() {
        return parametersLike == null ? 0 : parametersLike.elements();
    }

    /** Optimizer-state elements (0 before a partition trained). */
    long stateElements() {
        return stateLike == null ? 0 : stateLike.elements();
    }

    /** The partitions' mean parameters, or null when none trained. */
    FlatTensors meanParameters() {
        return replicas == 0 ? null : replicas == 1 ? parametersLike
                : FlatTensors.mean(parametersLike, parameters, replicas);
    }

    /** The partitions' mean optimizer state, or null when none trained. */
    FlatTensors meanState() {
        return replicas == 0 ? null : replicas == 1 ? stateLike : FlatTensors.mean(stateLike, state, replicas);
    }

    /** The one replica's f32 values as f64 sums, before a second is added. */
    private void materialise() {
        if (parameters == null) {
            parameters = zeros(parametersLike);
            state = zeros(stateLike);
            addInto(parameters, parametersLike);
            addInto(state, stateLike);
        }
    }

    private static double[][] zeros(FlatTensors like) {
        double[][] out = new double[like.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[like.values(i).length];
        }
        return out;
    }

    private static void addInto(double[][] sums, FlatTensors values) {
        for (int i = 0; i < sums.length; i++) {
            float[] v = values.values(i);
            double[] s = sums[i];
            for (int j = 0; j < v.length; j++) {
                s[j] += v[j];
            }
        }
    }

    private static void addInto(double[][] sums, double[][] more) {
        for (int i = 0; i < sums.length; i++) {
            double[] s = sums[i];
            double[] t = more[i];
            for (int j = 0; j < t.length; j++) {
                s[j] += t[j];
            }
        }
    }
}
