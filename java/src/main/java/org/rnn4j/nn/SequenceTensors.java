package org.rnn4j.nn;

import java.util.Objects;

import org.rnn4j.interop.SequenceLayout;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/** Moves sequence tensors between a caller's {@link SequenceLayout} and the engines' time-major [T, N, C]. */
final class SequenceTensors {
    private SequenceTensors() {
    }

    /** {@code t} in {@code layout} as [T, N, C]: itself when time-major, else a transposed copy. */
    static Tensor toTimeMajor(String what, Tensor t, SequenceLayout layout) {
        Shape s = Objects.requireNonNull(t, what).shape();
        if (s.rank() != 3) {
            throw new IllegalArgumentException(what + " must have rank 3 (" + (layout == SequenceLayout.TNC
                    ? "[T, N, C]" : "[N, T, C]") + "), got " + s);
        }
        if (layout == SequenceLayout.TNC) {
            return t;
        }
        int n = (int) s.dim(0), steps = (int) s.dim(1), c = (int) s.dim(2);
        return Tensor.of(layout.toTnc(t.toFloatArray(), steps, n, c), steps, n, c);
    }

    /** [T, N, C] {@code t} in {@code layout}: itself when time-major, else a transposed copy. */
    static Tensor fromTimeMajor(Tensor t, SequenceLayout layout) {
        if (layout == SequenceLayout.TNC) {
            return t;
        }
        Shape s = t.shape();
        int steps = (int) s.dim(0), n = (int) s.dim(1), c = (int) s.dim(2);
        return Tensor.of(layout.fromTnc(t.toFloatArray(), steps, n, c), layout.shape(steps, n, c));
    }
}
