package org.rnn4j.rnn;

/** Where the math runs. */
public enum Backend {
    /** librnn4j on oneDNN (the default). */
    NATIVE,
    /** Plain Java: the reference, and the fallback where no native library loads. */
    JVM
}
