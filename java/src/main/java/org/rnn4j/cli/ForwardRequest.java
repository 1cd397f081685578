package org.rnn4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.rnn4j.interop.SequenceLayout;
import org.rnn4j.interop.TorchCell;
import org.rnn4j.backend.Backend;

/**
 * One {@code rnn4j forward}: the module, the files to read and write (optional ones null), the layout
 * of the sequence arrays, the backend (null = the default: native, else jvm with a warning) and what a
 * NaN or infinity in an input or weight does.
 */
record ForwardRequest(TorchCell cell, Path weights, Path input, SequenceLayout layout, Path lengths, Path h0,
                      Path c0, Path output, Path hn, Path cn, Path gradOutput, Path grads, Backend backend,
                      NonFiniteInputs nonFinite) {

    /** What NaN or infinite values in an input or weight do. */
    enum NonFiniteInputs {
        /** One warning line on stderr naming each file (and tensor) holding them; the run goes on. */
        WARN,
        /** That line is the error (exit 2), before anything is computed (--strict). */
        REFUSE
    }

    /** The files read, by option (null: not given). */
    Map<String, Path> inputs() {
        Map<String, Path> in = new LinkedHashMap<>();
        in.put("--weights", weights);
        in.put("--input", input);
        in.put("--lengths", lengths);
        in.put("--h0", h0);
        in.put("--c0", c0);
        in.put("--grad-output", gradOutput);
        return in;
    }

    /** The files written, by option (null: not given). */
    Map<String, Path> outputs() {
        Map<String, Path> out = new LinkedHashMap<>();
        out.put("--output", output);
        out.put("--hn", hn);
        out.put("--cn", cn);
        out.put("--grads", grads);
        return out;
    }

    /** Whether a backward pass is asked for. */
    boolean wantsGradients() {
        return gradOutput != null;
    }
}
