package org.rnn4j.backend.onednn;

import java.util.List;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.rnn4j.Checks;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.backend.TensorMemory;
import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.tensor.Tensor;

/** Gradient clipping on librnn4j over a list of gradient tensors, in place. */
public final class NativeClipping {
    private NativeClipping() {
    }

    /**
     * Scales every gradient by maxNorm / norm when their global L2 norm (summed in double) is above
     * {@code maxNorm} (finite, > 0). Returns the norm before clipping. A NaN or infinite norm is
     * returned with the gradients untouched: the caller decides (e.g. skips the step).
     */
    public static double clipByGlobalNorm(List<Tensor> gradients, double maxNorm) {
        long count = checkGradients(gradients);
        try (PointerPointer<FloatPointer> buffers = buffers(gradients); LongPointer sizes = sizes(gradients)) {
            return NativeLibrary.callDouble(() -> rnn4j.clip_by_global_norm(buffers, sizes, count, maxNorm));
        }
    }

    /**
     * Whether every element is finite: the global L2 norm, summed in double, is finite exactly when they all are
     * (|x| ≤ 3.4e38 in f32, so x² ≤ 1.2e77 and no sum of fewer than 1e231 of them overflows a double). With
     * {@code Double.MAX_VALUE} as the maximum nothing is ever scaled.
     */
    public static boolean allFinite(List<Tensor> tensors) {
        return Double.isFinite(clipByGlobalNorm(tensors, Double.MAX_VALUE));
    }

    /** Clamps every element to [−maxValue, maxValue] ({@code maxValue} finite, > 0); NaN stays NaN. */
    public static void clipByValue(List<Tensor> gradients, double maxValue) {
        long count = checkGradients(gradients);
        try (PointerPointer<FloatPointer> buffers = buffers(gradients); LongPointer sizes = sizes(gradients)) {
            NativeLibrary.call(() -> rnn4j.clip_by_value(buffers, sizes, count, maxValue));
        }
    }

    /** Checks the list (non-empty, no null or empty tensor); returns its length. */
    private static long checkGradients(List<Tensor> gradients) {
        if (Checks.notNull("gradients", gradients).isEmpty()) {
            throw new IllegalArgumentException("gradients must not be empty");
        }
        for (int i = 0; i < gradients.size(); i++) {
            Tensor t = Checks.notNull("gradients[" + i + "]", gradients.get(i));
            if (t.size() == 0) {
                throw new IllegalArgumentException("gradients[" + i + "] must not be empty, got shape " + t.shape());
            }
        }
        NativeLibrary.ensureLoaded();
        return gradients.size();
    }

    private static LongPointer sizes(List<Tensor> gradients) {
        LongPointer sizes = new LongPointer(gradients.size());
        for (int i = 0; i < gradients.size(); i++) {
            sizes.put(i, gradients.get(i).size());
        }
        return sizes;
    }

    private static PointerPointer<FloatPointer> buffers(List<Tensor> gradients) {
        PointerPointer<FloatPointer> buffers = new PointerPointer<>(gradients.size());
        for (int i = 0; i < gradients.size(); i++) {
            buffers.put(i, TensorMemory.write(gradients.get(i)));
        }
        return buffers;
    }
}
