package org.rnn4j.backend.onednn;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.rnn4j.Checks;
import org.rnn4j.Precision;
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
 * primitive per row count and role in a bounded least-recently-used cache ({@link PrimitiveCache}).
 * Calls may run from many threads at once (the native kernel keeps no per-call state); {@link #close()}
 * waits for the calls in progress. Shapes are checked here before native code runs.
 */
public final class NativeLinear implements AutoCloseable {
    private final long inFeatures;
    private final long outFeatures;
    private final LinearKernel kernel;
    private final PrimitiveCache cache;
    private final Precision precision;
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();  // calls share it; close takes it alone
    private boolean closed;  // guarded by lifecycle

    /** An f32 layer. */
    public NativeLinear(long inFeatures, long outFeatures) {
        this(inFeatures, outFeatures, Precision.F32);
    }

    /**
     * A layer whose matmuls compute in {@code precision} (tensors stay f32; see {@link Precision}).
     *
     * @throws UnsupportedOperationException for {@link Precision#BF16} on a CPU without avx512_core_bf16
     */
    public NativeLinear(long inFeatures, long outFeatures, Precision precision) {
        Checks.positive("inFeatures", inFeatures);
        Checks.positive("outFeatures", outFeatures);
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        NativeLibrary.ensureLoaded();
        this.precision = NativePrecision.resolve(precision, "the native linear layer");
        rnn4j.Precision nativePrecision = NativePrecision.of(this.precision);
        LinearKernel[] created = new LinearKernel[1];
        NativeLibrary.call(() -> created[0] = new LinearKernel(inFeatures, outFeatures, nativePrecision));
        this.kernel = created[0];
        int capacity = PrimitiveCache.capacity();
        NativeLibrary.call(() -> kernel.set_primitive_cache_capacity(capacity));
        this.cache = new PrimitiveCache("native linear [" + outFeatures + ", " + inFeatures + "]",
                kernel::primitive_cache_evictions);
    }

    /** The precision the matmuls run in: F32 or BF16 (BF16_OR_F32 resolved against the CPU). */
    public Precision precision() {
        return precision;
    }

    public long inFeatures() {
        return inFeatures;
    }

    public long outFeatures() {
        return outFeatures;
    }

    /** y [..., O] = x [..., K] · weightsᵀ + bias [O], weights [O, K] (bias null = none), allocated in the current scope. */
    public Tensor forward(Tensor x, Tensor weights, Tensor bias) {
        long rows = OpShapes.rows(x, "x", "K", inFeatures);
        checkParameters(weights, "weights", bias, "bias");
        Tensor y = Tensor.zeros(OpShapes.withWidth(x, outFeatures));
        return whileOpen(() -> {
            NativeLibrary.call(() -> kernel.forward(rows, TensorMemory.read(x), TensorMemory.read(weights),
                    TensorMemory.readOrNull(bias), TensorMemory.write(y)));
            cache.afterCall();
            return y;
        });
    }

    /**
     * Backward of {@link #forward} from {@code outputGradient} [..., O]: returns the input gradient
     * [..., K] (allocated in the current scope) and writes weightsGradient [O, K] and biasGradient
     * [O] (null = no bias) as {@code mode} says.
     */
    public Tensor backward(Tensor x, Tensor weights, Tensor outputGradient, Tensor weightsGradient,
                           Tensor biasGradient, GradientMode mode) {
        rnn4j.GradientMode nativeMode = NativeEnums.gradientMode(mode);
        long rows = OpShapes.rows(x, "x", "K", inFeatures);
        Checks.shape("outputGradient", outputGradient, OpShapes.withWidth(x, outFeatures));
        Checks.shape("weights", weights, weightsShape());
        checkParameters(weightsGradient, "weightsGradient", biasGradient, "biasGradient");
        Tensor inputGradient = Tensor.zeros(x.shape());
        return whileOpen(() -> {
            NativeLibrary.call(() -> kernel.backward(nativeMode, rows, TensorMemory.read(x), TensorMemory.read(weights),
                    TensorMemory.read(outputGradient), TensorMemory.write(inputGradient),
                    TensorMemory.write(weightsGradient), TensorMemory.writeOrNull(biasGradient)));
            cache.afterCall();
            return inputGradient;
        });
    }

    /** Number of oneDNN primitives this layer has cached, at most {@link #primitiveCacheCapacity()}. */
    public long cachedPrimitives() {
        return whileOpen(kernel::cached_primitives);
    }

    /** The most primitives the cache holds. */
    public int primitiveCacheCapacity() {
        return whileOpen(() -> (int) kernel.primitive_cache_capacity());
    }

    /** Bounds the primitive cache to {@code entries} (>= 1), evicting the least recently used beyond it. */
    public void setPrimitiveCacheCapacity(int entries) {
        PrimitiveCache.checkCapacity("primitive cache capacity", entries);
        whileOpen(() -> {
            NativeLibrary.call(() -> kernel.set_primitive_cache_capacity(entries));
            return null;
        });
    }

    /** Cache entries evicted since this layer was made. */
    public long primitiveCacheEvictions() {
        return whileOpen(kernel::primitive_cache_evictions);
    }

    /** Weights (or their gradient) [O, K], required; bias (or its gradient) [O], optional. */
    private void checkParameters(Tensor weights, String weightsName, Tensor bias, String biasName) {
        Checks.shape(weightsName, weights, weightsShape());
        Checks.nullOrShape(biasName, bias, Shape.of(outFeatures));
    }

    private Shape weightsShape() {
        return Shape.of(outFeatures, inFeatures);
    }

    /** Runs a call unless the layer is closed; close() waits until it ends. */
    private <T> T whileOpen(Supplier<T> call) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("NativeLinear [" + inFeatures + ", " + outFeatures + "] is closed");
            }
            return call.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                kernel.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
