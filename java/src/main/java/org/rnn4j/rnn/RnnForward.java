package org.rnn4j.rnn;

import org.rnn4j.tensor.Tensor;

/**
 * What a forward pass produced — the output [T, N, O] and the final state — plus, after a
 * {@link Propagation#TRAINING} pass, what backward needs: the input, initial state, weights
 * version and the workspace. All tensors belong to the scope that was open during the pass.
 */
public final class RnnForward {
    final RnnEngine engine;
    final Propagation propagation;
    final RnnWeights weights;
    final long weightsVersion;
    final Tensor input;
    final int[] lengths;
    final RnnState initial;
    final Tensor output;
    final RnnState finalState;
    final Tensor workspace;
    /** What a pure-JVM engine keeps for backward (null for native). */
    Object saved;
    /** Seed of the dropout masks between layers of this (training) pass. */
    long dropoutSeed;

    RnnForward(RnnEngine engine, Propagation propagation, RnnWeights weights, Tensor input, int[] lengths,
               RnnState initial, Tensor output, RnnState finalState, Tensor workspace) {
        this.engine = engine;
        this.propagation = propagation;
        this.weights = weights;
        this.weightsVersion = weights.version();
        this.input = input;
        this.lengths = lengths == null ? null : lengths.clone();
        this.initial = initial;
        this.output = output;
        this.finalState = finalState;
        this.workspace = workspace;
    }

    /** [T, N, O]. */
    public Tensor output() {
        return output;
    }

    /** h [L, D, N, S] and c [L, D, N, H] after the last step. */
    public RnnState finalState() {
        return finalState;
    }

    /** The per-sequence lengths [N], or null when all are T. */
    public int[] lengths() {
        return lengths == null ? null : lengths.clone();
    }

    public Propagation propagation() {
        return propagation;
    }
}
