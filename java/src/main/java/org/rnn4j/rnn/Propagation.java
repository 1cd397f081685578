package org.rnn4j.rnn;

/** Whether a forward pass will be followed by a backward pass. */
public enum Propagation {
    /** No workspace is kept; backward is not possible. */
    INFERENCE,
    /** Keeps the workspace backward needs. */
    TRAINING
}
