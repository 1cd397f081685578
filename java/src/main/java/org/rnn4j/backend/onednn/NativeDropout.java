package org.rnn4j.backend.onednn;

import org.rnn4j.backend.DropoutMask;
import org.rnn4j.Checks;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.backend.TensorMemory;
import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.tensor.Tensor;

/**
 * Inverted dropout on librnn4j: kept elements are scaled by 1 / (1 − p), dropped ones are 0. The
 * mask is a pure function of the {@link DropoutMask}'s seed and each element's position, so
 * backward re-derives exactly the forward's mask and nothing is stored between the two.
 */
public final class NativeDropout {
    private NativeDropout() {
    }

    /** x with {@code mask} applied, same shape, allocated in the current scope. */
    public static Tensor forward(Tensor x, DropoutMask mask) {
        check(x, "x", mask);
        Tensor y = Tensor.zeros(x.shape());
        NativeLibrary.call(() -> rnn4j.dropout_forward(x.size(), mask.probability(), mask.seed(), TensorMemory.read(x),
                TensorMemory.write(y)));
        return y;
    }

    /** The gradient by x of {@link #forward} with the same {@code mask}, allocated in the current scope. */
    public static Tensor backward(Tensor outputGradient, DropoutMask mask) {
        check(outputGradient, "outputGradient", mask);
        Tensor inputGradient = Tensor.zeros(outputGradient.shape());
        NativeLibrary.call(() -> rnn4j.dropout_backward(outputGradient.size(), mask.probability(), mask.seed(),
                TensorMemory.read(outputGradient), TensorMemory.write(inputGradient)));
        return inputGradient;
    }

    private static void check(Tensor input, String name, DropoutMask mask) {
        Checks.notNull(name, input);
        Checks.notNull("mask", mask);
        if (input.size() == 0) {
            throw new IllegalArgumentException(name + " must not be empty, got shape " + input.shape());
        }
        NativeLibrary.ensureLoaded();
    }
}
