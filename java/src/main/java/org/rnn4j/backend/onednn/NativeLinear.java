package org.rnn4j.backend.onednn;

import org.rnn4j.Checks;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.backend.TensorMemory;
import org.rnn4j.internal.LinearKernel;
import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * A fully connected layer y [..., O] = x [..., K] · weightsᵀ + bias [O], weights [O, K], on oneDNN matmul
 * (librnn4j). Leading dimensions of x are rows (M = their product). One instance caches a
 * primitive per row count and role; it is not thread-safe. Shapes are checked here before native
 * code runs.
 */
public final class NativeLinear implements AutoCloseable {
    private final long inFeatures;
    private final long outFeatures;
    private final LinearKernel kernel;
    private boolean closed;

    public NativeLinear(long inFeatures, long outFeatures) {
        Checks.positive("inFeatures", inFeatures);
        Checks.positive("outFeatures", outFeatures);
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        NativeLibrary.ensureLoaded();
        LinearKernel[] created = new LinearKernel[1];
        NativeLibrary.call(() -> created[0] = new LinearKernel(inFeatures, outFeatures));
        this.kernel = created[0];
    }

    public long inFeatures() {
        return inFeatures;
    }

    public long outFeatures() {
        return outFeatures;
    }

    /** y [..., O] = x [..., K] · weightsᵀ + bias [O], weights [O, K] (bias null = none), allocated in the current scope. */
    public Tensor forward(Tensor x, Tensor weights, Tensor bias) {
        checkOpen();
        long rows = OpShapes.rows(x, "x", "K", inFeatures);
        checkParameters(weights, "weights", bias, "bias");
        Tensor y = Tensor.zeros(OpShapes.withWidth(x, outFeatures));
        NativeLibrary.call(() -> kernel.forward(rows, TensorMemory.read(x), TensorMemory.read(weights),
                TensorMemory.readOrNull(bias), TensorMemory.write(y)));
        return y;
    }

    /**
     * Backward of {@link #forward} from {@code outputGradient} [..., O]: returns the input gradient
     * [..., K] (allocated in the current scope) and writes weightsGradient [O, K] and biasGradient
     * [O] (null = no bias) as {@code mode} says.
     */
    public Tensor backward(Tensor x, Tensor weights, Tensor outputGradient, Tensor weightsGradient,
                           Tensor biasGradient, GradientMode mode) {
        checkOpen();
        rnn4j.GradientMode nativeMode = NativeEnums.gradientMode(mode);
        long rows = OpShapes.rows(x, "x", "K", inFeatures);
        Checks.shape("outputGradient", outputGradient, OpShapes.withWidth(x, outFeatures));
        Checks.shape("weights", weights, weightsShape());
        checkParameters(weightsGradient, "weightsGradient", biasGradient, "biasGradient");
        Tensor inputGradient = Tensor.zeros(x.shape());
        NativeLibrary.call(() -> kernel.backward(nativeMode, rows, TensorMemory.read(x), TensorMemory.read(weights),
                TensorMemory.read(outputGradient), TensorMemory.write(inputGradient), TensorMemory.write(weightsGradient),
                TensorMemory.writeOrNull(biasGradient)));
        return inputGradient;
    }

    /** Number of oneDNN primitives this layer has cached. */
    public long cachedPrimitives() {
        checkOpen();
        return kernel.cached_primitives();
    }

    /** Weights (or their gradient) [O, K], required; bias (or its gradient) [O], optional. */
    private void checkParameters(Tensor weights, String weightsName, Tensor bias, String biasName) {
        Checks.shape(weightsName, weights, weightsShape());
        Checks.nullOrShape(biasName, bias, Shape.of(outFeatures));
    }

    private Shape weightsShape() {
        return Shape.of(outFeatures, inFeatures);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("NativeLinear [" + inFeatures + ", " + outFeatures + "] is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            kernel.close();
        }
    }
}
