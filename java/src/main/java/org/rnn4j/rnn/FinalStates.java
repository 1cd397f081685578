package org.rnn4j.rnn;

/**
 * Whether a forward computes the final state (h_n and, for an LSTM, c_n) or only the outputs.
 * Models that never read final states (a language model trained on whole padded batches, a tagger, a
 * CTC transcriber) can say {@link #NONE}: with variable lengths the native engine then runs an LSTM in a
 * few padded time segments instead of one per distinct length (every other cell runs so either way).
 * Outputs and all gradients are the same (to rounding) whichever is chosen.
 */
public enum FinalStates {
    /** h_n (and c_n) after each sequence's own last step; backward takes their gradient. */
    COMPUTED,
    /**
     * Outputs only: {@link RnnForward#finalState()} throws {@link IllegalStateException}, and a backward
     * given a final-state gradient throws {@link IllegalStateException} (it is not recomputed).
     */
    NONE
}
