package org.rnn4j.backend;

/** Where the math runs. */
public enum Backend {
    /** librnn4j on oneDNN (the default). */
    NATIVE,
    /** Plain Java (f32 on batched GEMMs): the fallback where no native library loads, and the benchmark baseline. */
    JVM
}
