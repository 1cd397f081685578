package org.rnn4j.rnn;

/** What backward does with the weight-gradient tensors it is given. */
public enum GradientMode {
    /** Replace their contents. */
    OVERWRITE,
    /** Add to their contents (e.g. across truncated-BPTT chunks or micro-batches). */
    ACCUMULATE
}
