package org.rnn4j.backend.onednn;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;
import org.rnn4j.Checks;
import org.rnn4j.backend.CtcInfinity;
import org.rnn4j.backend.CtcTargets;
import org.rnn4j.backend.TensorMemory;
import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.tensor.Tensor;

/**
 * The CTC loss on librnn4j ({@code ctc_loss_forward} / {@code ctc_loss_backward} of {@code rnn4j_ops.h}):
 * forward–backward in log space and double, one loss per sequence of logits [T, N, C].
 */
public final class NativeCtc {
    private NativeCtc() {
    }

    /** −log p(target_n | logits) [N] (+∞, or 0 under {@link CtcInfinity#ZERO}, for an impossible target). */
    public static double[] losses(Tensor logits, CtcTargets targets, CtcInfinity infinity) {
        long[] dims = check(logits, targets, infinity);
        double[] losses = new double[targets.batch()];
        NativeLibrary.ensureLoaded();
        try (Buffers b = new Buffers(targets); DoublePointer out = new DoublePointer(losses.length)) {
            NativeLibrary.call(() -> rnn4j.ctc_loss_forward(dims[0], dims[1], dims[2], TensorMemory.read(logits),
                    b.inputLengths, b.labels, b.labelLengths, targets.blank(), NativeEnums.ctcInfinity(infinity), out));
            out.get(losses);
        }
        return losses;
    }

    /** dLogits [T, N, C] = Σ_n lossGradients[n] · ∂losses[n]/∂logits, allocated in the current scope. */
    public static Tensor gradient(Tensor logits, CtcTargets targets, CtcInfinity infinity, double[] lossGradients) {
        long[] dims = check(logits, targets, infinity);
        Checks.length("lossGradients", lossGradients, targets.batch());
        Tensor logitsGradient = Tensor.zeros(logits.shape());
        NativeLibrary.ensureLoaded();
        try (Buffers b = new Buffers(targets); DoublePointer upstream = new DoublePointer(lossGradients)) {
            NativeLibrary.call(() -> rnn4j.ctc_loss_backward(dims[0], dims[1], dims[2], TensorMemory.read(logits),
                    b.inputLengths, b.labels, b.labelLengths, targets.blank(), NativeEnums.ctcInfinity(infinity),
                    upstream, TensorMemory.write(logitsGradient)));
        }
        return logitsGradient;
    }

    /** [T, N, C] after checking logits is rank 3 with N = the targets' batch. */
    private static long[] check(Tensor logits, CtcTargets targets, CtcInfinity infinity) {
        Checks.notNull("targets", targets);
        Checks.notNull("infinity", infinity);
        long[] dims = Checks.notNull("logits", logits).shape().dims();
        if (dims.length != 3 || dims[1] != targets.batch()) {
            throw new IllegalArgumentException("logits must have shape [T, N, C] with N = " + targets.batch()
                    + ", got " + logits.shape());
        }
        return dims;
    }

    /** The targets' int64 arrays in native memory for one call. */
    private static final class Buffers implements AutoCloseable {
        final LongPointer inputLengths;
        final LongPointer labels;
        final LongPointer labelLengths;

        Buffers(CtcTargets targets) {
            long[] values = targets.labels();
            inputLengths = new LongPointer(targets.inputLengthsLong());
            labels = values.length == 0 ? new LongPointer(1L) : new LongPointer(values);
            labelLengths = new LongPointer(targets.labelLengthsLong());
        }

        @Override
        public void close() {
            inputLengths.close();
            labels.close();
            labelLengths.close();
        }
    }
}
