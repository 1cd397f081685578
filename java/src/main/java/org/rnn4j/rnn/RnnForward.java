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
    /** Whether the final state was computed (set by the engine after the pass). */
    FinalStates finalStates = FinalStates.COMPUTED;

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

    /**
     * h [L, D, N, S] and c [L, D, N, H] after each sequence's last step.
     *
     * @throws IllegalStateException after a forward with {@link FinalStates#NONE} (outputs only)
     */
    public RnnState finalState() {
        if (finalStates == FinalStates.NONE) {
            throw new IllegalStateException("this forward ran with FinalStates.NONE (outputs only) and computed no"
                    + " final state; run it with FinalStates.COMPUTED to read h_n and c_n");
        }
        return finalState;
    }

    /** Whether this forward computed the final state. */
    public FinalStates finalStates() {
        return finalStates;
    }

    /** The per-sequence lengths [N], or null when all are T. */
    public int[] lengths() {
        return lengths == null ? null : lengths.clone();
    }

    public Propagation propagation() {
        return propagation;
    }
}
