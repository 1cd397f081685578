package org.rnn4j.backend.jvm;

/** The order in which one direction of a layer visits the steps of each sequence. */
enum TimeOrder {
    /** t = 0 … length − 1. */
    FORWARD,
    /** t = length − 1 … 0, each sequence from its own last step. */
    REVERSE
}
