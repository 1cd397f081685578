package org.rnn4j.cli;

import java.nio.file.Path;

import org.rnn4j.interop.SequenceLayout;
import org.rnn4j.interop.TorchCell;
import org.rnn4j.backend.Backend;

/**
 * One {@code rnn4j forward}: the module, the files to read and write (optional ones null), the layout
 * of the sequence arrays and the backend (null = the default: native, else jvm with a warning).
 */
record ForwardRequest(TorchCell cell, Path weights, Path input, SequenceLayout layout, Path lengths, Path h0,
                      Path c0, Path output, Path hn, Path cn, Path gradOutput, Path grads, Backend backend) {

    /** Whether a backward pass is asked for. */
    boolean wantsGradients() {
        return gradOutput != null;
    }
}
