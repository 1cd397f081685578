package org.rnn4j.models;

/** How a many-to-one model summarises a sequence. */
public enum Pooling {
    /** The final state of the top layer after each sequence's last real step (both directions concatenated). */
    LAST,
    /** The mean of the top layer's outputs over each sequence's real steps. */
    MEAN
}
