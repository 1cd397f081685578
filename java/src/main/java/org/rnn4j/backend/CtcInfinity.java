package org.rnn4j.backend;

/** What CTC does with a sequence whose target no alignment can produce (p = 0, an infinite loss). */
public enum CtcInfinity {
    /** The loss stays +∞ and its gradient is NaN (PyTorch's {@code zero_infinity=False}). */
    KEEP,
    /** The loss is 0 and its gradient 0 (PyTorch's {@code zero_infinity=True}). */
    ZERO
}
