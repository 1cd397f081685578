package org.rnn4j.backend.onednn;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.rnn4j.Checks;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.backend.TensorMemory;
import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.tensor.Tensor;

/**
 * Losses on librnn4j, each with a per-row mask [...] (the leading dimensions of the input; finite
 * weights >= 0, 1 = counts, 0 = padding; null = all 1) and the normaliser max(sum(mask), 1).
 * Rows with mask 0 are skipped and get zero gradient. Losses are computed in double.
 */
public final class NativeLosses {
    private NativeLosses() {
    }

    /**
     * Softmax cross-entropy of {@code logits} [..., C] against {@code targets} (one per row, each in
     * [0, C)): sum(mask · (−log softmax[target])) / max(sum(mask), 1).
     */
    public static double crossEntropy(Tensor logits, long[] targets, Tensor mask) {
        long classes = OpShapes.width(logits, "logits", "C");
        long rows = checkTargets(logits, classes, targets, mask);
        FloatPointer maskPointer = TensorMemory.readOrNull(mask);
        NativeLibrary.ensureLoaded();
        try (LongPointer targetsPointer = new LongPointer(targets)) {
            return NativeLibrary.callDouble(() -> rnn4j.softmax_cross_entropy_forward(rows, classes,
                    TensorMemory.read(logits), targetsPointer, maskPointer));
        }
    }

    /** Gradient of {@link #crossEntropy} times {@code lossGradient}, [..., C], allocated in the current scope. */
    public static Tensor crossEntropyGradient(Tensor logits, long[] targets, Tensor mask, double lossGradient) {
        long classes = OpShapes.width(logits, "logits", "C");
        long rows = checkTargets(logits, classes, targets, mask);
        FloatPointer maskPointer = TensorMemory.readOrNull(mask);
        Tensor logitsGradient = Tensor.zeros(logits.shape());
        NativeLibrary.ensureLoaded();
        try (LongPointer targetsPointer = new LongPointer(targets)) {
            NativeLibrary.call(() -> rnn4j.softmax_cross_entropy_backward(rows, classes, TensorMemory.read(logits),
                    targetsPointer, maskPointer, lossGradient, TensorMemory.write(logitsGradient)));
        }
        return logitsGradient;
    }

    /** Mean squared error sum(mask · (prediction − target)²) / (F · max(sum(mask), 1)) of tensors [..., F]. */
    public static double meanSquaredError(Tensor prediction, Tensor target, Tensor mask) {
        long features = OpShapes.width(prediction, "prediction", "F");
        long rows = checkTarget(prediction, target, mask);
        FloatPointer maskPointer = TensorMemory.readOrNull(mask);
        NativeLibrary.ensureLoaded();
        return NativeLibrary.callDouble(() -> rnn4j.mean_squared_error_forward(rows, features, TensorMemory.read(prediction),
                TensorMemory.read(target), maskPointer));
    }

    /**
     * Gradient of {@link #meanSquaredError} by the prediction, times {@code lossGradient}, allocated
     * in the current scope.
     */
    public static Tensor meanSquaredErrorGradient(Tensor prediction, Tensor target, Tensor mask, double lossGradient) {
        long features = OpShapes.width(prediction, "prediction", "F");
        long rows = checkTarget(prediction, target, mask);
        FloatPointer maskPointer = TensorMemory.readOrNull(mask);
        Tensor predictionGradient = Tensor.zeros(prediction.shape());
        NativeLibrary.ensureLoaded();
        NativeLibrary.call(() -> rnn4j.mean_squared_error_backward(rows, features, TensorMemory.read(prediction),
                TensorMemory.read(target), maskPointer, lossGradient, TensorMemory.write(predictionGradient)));
        return predictionGradient;
    }

    /** Checks targets (one per row) and the mask; returns the rows. */
    private static long checkTargets(Tensor logits, long classes, long[] targets, Tensor mask) {
        long rows = logits.size() / classes;
        Checks.length("targets", targets, rows, "one per row of logits " + logits.shape());
        Checks.nullOrShape("mask", mask, OpShapes.leading(logits));
        return rows;
    }

    /** Checks target (same shape as prediction) and the mask; returns the rows. */
    private static long checkTarget(Tensor prediction, Tensor target, Tensor mask) {
        Checks.shape("target", target, prediction.shape());
        Checks.nullOrShape("mask", mask, OpShapes.leading(prediction));
        return prediction.size() / prediction.shape().dim(prediction.shape().rank() - 1);
    }
}
