package org.rnn4j.nn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.rnn4j.rnn.FinalStates;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnState;

/**
 * What every {@link Block} of one forward sees besides its input: the per-sequence lengths of the
 * batch, whether it trains or infers, the initial states of named recurrent blocks, and whether their
 * final states are wanted. Immutable.
 *
 * @param lengths       lengths [N] in [1, T] of the sequences, or null when all N have T steps
 * @param propagation   training (dropout on, backward possible) or inference
 * @param initialStates initial state by recurrent block name; a block missing here starts from zeros
 * @param finalStates   {@link FinalStates#NONE}: no recurrent block computes its final state (their
 *                      passes' {@code finalState()} throws), which makes variable lengths faster
 */
public record SequenceContext(int[] lengths, Propagation propagation, Map<String, RnnState> initialStates,
                              FinalStates finalStates) {

    public SequenceContext {
        Objects.requireNonNull(propagation, "propagation");
        Objects.requireNonNull(finalStates, "finalStates");
        lengths = lengths == null ? null : lengths.clone();
        initialStates = Map.copyOf(Objects.requireNonNull(initialStates, "initialStates"));
    }

    /** A context whose recurrent blocks compute their final states. */
    public SequenceContext(int[] lengths, Propagation propagation, Map<String, RnnState> initialStates) {
        this(lengths, propagation, initialStates, FinalStates.COMPUTED);
    }

    /** This context with no recurrent block computing its final state (outputs only). */
    public SequenceContext outputsOnly() {
        return new SequenceContext(lengths, propagation, initialStates, FinalStates.NONE);
    }

    /** A training forward over sequences of these lengths (null = all T). */
    public static SequenceContext training(int[] lengths) {
        return new SequenceContext(lengths, Propagation.TRAINING, Map.of());
    }

    /** An inference forward over sequences of these lengths (null = all T). */
    public static SequenceContext inference(int[] lengths) {
        return new SequenceContext(lengths, Propagation.INFERENCE, Map.of());
    }

    /** This context with recurrent block {@code block} starting from {@code state} (null = zeros). */
    public SequenceContext withInitialState(String block, RnnState state) {
        Objects.requireNonNull(block, "block");
        Map<String, RnnState> states = new HashMap<>(initialStates);
        if (state == null) {
            states.remove(block);
        } else {
            states.put(block, state);
        }
        return new SequenceContext(lengths, propagation, states, finalStates);
    }

    /** The lengths [N] (a copy), or null when every sequence has all T steps. */
    @Override
    public int[] lengths() {
        return lengths == null ? null : lengths.clone();
    }

    /** The lengths [N] of a batch of N sequences of T steps: the given ones, or N times T. */
    public int[] lengthsOf(int batch, int steps) {
        if (lengths == null) {
            int[] all = new int[batch];
            Arrays.fill(all, steps);
            return all;
        }
        if (lengths.length != batch) {
            throw new IllegalArgumentException("context lengths must have one entry per sequence, N = " + batch
                    + ", got " + lengths.length);
        }
        return lengths.clone();
    }

    /** The initial state of recurrent block {@code block}, or null for zeros. */
    public RnnState initialState(String block) {
        return initialStates.get(block);
    }
}
