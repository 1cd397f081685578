package org.rnn4j.rnn;


import org.rnn4j.backend.Backend;
import org.bytedeco.javacpp.IntPointer;
import org.rnn4j.Precision;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.TensorMemory;
import org.rnn4j.backend.onednn.NativeEnums;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.backend.onednn.NativePrecision;
import org.rnn4j.backend.onednn.PrimitiveCache;
import org.rnn4j.internal.RnnData;
import org.rnn4j.internal.RnnDesc;
import org.rnn4j.internal.RnnKernel;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * A recurrent network on oneDNN's fused RNN primitives (librnn4j). One instance caches primitives
 * per shape in a bounded least-recently-used cache ({@link PrimitiveCache}: at most
 * {@link #primitiveCacheCapacity()} shapes, evictions counted) and re-laid-out weights per
 * {@link RnnWeights#version()}. Inference may run from many threads at once: each native call has
 * its own scratch buffers, the caches are locked, and oneDNN executes one primitive from several
 * threads at once; training calls must not overlap ({@link EngineBase}). Every shape is checked
 * here, before native code runs. With {@link Precision#BF16} the kernel computes in bfloat16 inside (tensors,
 * weights and gradients stay f32; see {@link Precision}).
 */
public final class NativeRnn extends EngineBase {
    private final RnnKernel kernel;
    private final PrimitiveCache cache;
    private final Precision precision;

    /**
     * @throws UnsupportedOperationException for {@link Precision#BF16} on a CPU without avx512_core_bf16
     */
    public NativeRnn(RnnConfig config) {
        super(config);
        NativeLibrary.ensureLoaded();
        this.precision = NativePrecision.resolve(config.precision(), "the native " + config.cell() + " engine");
        try (RnnDesc desc = new RnnDesc()) {
            desc.cell(NativeEnums.cell(config.cell()))
                    .direction(NativeEnums.direction(config.direction()))
                    .layers(config.layers())
                    .input_size(config.inputSize())
                    .hidden_size(config.hiddenSize())
                    .projection_size(config.projectionSize())
                    .peephole(config.hasPeephole() ? 1 : 0)
                    .dropout((float) config.dropout())
                    .precision(NativePrecision.of(precision));
            RnnKernel[] created = new RnnKernel[1];
            NativeLibrary.call(() -> created[0] = new RnnKernel(desc));
            this.kernel = created[0];
        }
        int capacity = PrimitiveCache.capacity();
        NativeLibrary.call(() -> kernel.set_primitive_cache_capacity(capacity));
        this.cache = new PrimitiveCache("native " + config.cell() + " engine", kernel::primitive_cache_evictions);
    }

    @Override
    public Backend backend() {
        return Backend.NATIVE;
    }

    @Override
    RnnForward runForward(Propagation propagation, RnnWeights weights, Tensor input, int[] lengths, RnnState initial,
                          int steps, int batch, long dropoutSeed, FinalStates finalStates) {
        // librnn4j writes every element of these (padded steps included), so they start uninitialized.
        Tensor output = Tensor.uninitialized(Shape.of(steps, batch, config.outputWidth()));
        boolean outputsOnly = finalStates == FinalStates.NONE;
        RnnState finalState = outputsOnly ? null : RnnState.uninitialized(config, batch);
        int nativeFinalStates = NativeEnums.finalStates(finalStates);
        Tensor workspace = null;
        try (IntPointer lengthsPointer = lengths == null ? null : new IntPointer(lengths)) {
            if (propagation == Propagation.TRAINING) {
                long bytes = NativeLibrary.callLong(() -> kernel.workspace_bytes(steps, batch, lengthsPointer,
                        nativeFinalStates));
                workspace = Tensor.uninitialized(Shape.of((bytes + 3) / 4));  // written by forward before it is read
            }
            RnnForward fwd = new RnnForward(this, propagation, weights, input, lengths, initial, output, finalState,
                    workspace);
            fwd.dropoutSeed = dropoutSeed;
            fwd.finalStates = finalStates;  // bind() reads it
            try (RnnData data = bind(fwd, lengthsPointer)) {
                NativeLibrary.call(() -> kernel.forward(NativeEnums.propagation(propagation), data));
            }
            cache.afterCall();
            return fwd;
        }
    }

    @Override
    RnnBackward runBackward(RnnForward fwd, Tensor outputGradient, RnnState finalStateGradient,
                            RnnWeights weightGradients, GradientMode mode) {
        int steps = (int) fwd.input.shape().dim(0), batch = (int) fwd.input.shape().dim(1);
        Tensor inputGradient = Tensor.uninitialized(Shape.of(steps, batch, config.inputSize()));
        RnnState initialGradient = RnnState.uninitialized(config, batch);
        try (IntPointer lengthsPointer = fwd.lengths == null ? null : new IntPointer(fwd.lengths);
             RnnData data = bind(fwd, lengthsPointer)) {
            data.diff_dst_layer(TensorMemory.read(outputGradient))
                    .diff_src_layer(TensorMemory.write(inputGradient))
                    .diff_src_iter(TensorMemory.write(initialGradient.h()))
                    .diff_weights_layer(TensorMemory.write(weightGradients.weightsLayer()))
                    .diff_weights_iter(TensorMemory.write(weightGradients.weightsIter()))
                    .diff_bias(TensorMemory.write(weightGradients.bias()));
            if (initialGradient.c() != null) {
                data.diff_src_iter_c(TensorMemory.write(initialGradient.c()));
            }
            if (weightGradients.peephole() != null) {
                data.diff_weights_peephole(TensorMemory.write(weightGradients.peephole()));
            }
            if (weightGradients.projection() != null) {
                data.diff_weights_projection(TensorMemory.write(weightGradients.projection()));
            }
            if (finalStateGradient != null) {
                data.diff_dst_iter(TensorMemory.read(finalStateGradient.h()));
                if (finalStateGradient.c() != null) {
                    data.diff_dst_iter_c(TensorMemory.read(finalStateGradient.c()));
                }
            }
            NativeLibrary.call(() -> kernel.backward(NativeEnums.gradientMode(mode), data));
        }
        cache.afterCall();
        return new RnnBackward(inputGradient, initialGradient);
    }

    /** The precision the kernel runs in: F32 or BF16 (BF16_OR_F32 resolved against the CPU). */
    public Precision precision() {
        return precision;
    }

    /** Number of oneDNN primitives this network has cached (a training shape holds two). */
    public long cachedPrimitives() {
        return whileOpen(kernel::cached_primitives);
    }

    /** Number of shapes (cache entries) this network has cached, at most {@link #primitiveCacheCapacity()}. */
    public long cachedShapes() {
        return whileOpen(kernel::cached_shapes);
    }

    /** The most shapes the primitive cache holds. */
    public int primitiveCacheCapacity() {
        return whileOpen(() -> (int) kernel.primitive_cache_capacity());
    }

    /** Bounds the primitive cache to {@code shapes} (>= 1), evicting the least recently used beyond it. */
    public void setPrimitiveCacheCapacity(int shapes) {
        PrimitiveCache.checkCapacity("primitive cache capacity", shapes);
        whileOpen(() -> {
            NativeLibrary.call(() -> kernel.set_primitive_cache_capacity(shapes));
            return null;
        });
    }

    /** Cache entries evicted since this network was made. */
    public long primitiveCacheEvictions() {
        return whileOpen(kernel::primitive_cache_evictions);
    }

    private RnnData bind(RnnForward fwd, IntPointer lengths) {
        RnnWeights w = fwd.weights;
        RnnData data = new RnnData();
        data.dropout_seed(fwd.dropoutSeed).final_states(NativeEnums.finalStates(fwd.finalStates));
        if (lengths != null) {
            data.lengths(lengths);
        }
        data.steps(fwd.input.shape().dim(0))
                .batch(fwd.input.shape().dim(1))
                .weights_version(w.version())
                .src_layer(TensorMemory.read(fwd.input))
                .weights_layer(TensorMemory.read(w.weightsLayer()))
                .weights_iter(TensorMemory.read(w.weightsIter()))
                .bias(TensorMemory.read(w.bias()))
                .dst_layer(TensorMemory.write(fwd.output));
        if (fwd.finalState != null) {
            data.dst_iter(TensorMemory.write(fwd.finalState.h()));
        }
        if (w.peephole() != null) {
            data.weights_peephole(TensorMemory.read(w.peephole()));
        }
        if (w.projection() != null) {
            data.weights_projection(TensorMemory.read(w.projection()));
        }
        if (fwd.finalState != null && fwd.finalState.c() != null) {
            data.dst_iter_c(TensorMemory.write(fwd.finalState.c()));
        }
        if (fwd.initial != null) {
            data.src_iter(TensorMemory.read(fwd.initial.h()));
            if (fwd.initial.c() != null) {
                data.src_iter_c(TensorMemory.read(fwd.initial.c()));
            }
        }
        if (fwd.workspace != null) {
            data.workspace(TensorMemory.write(fwd.workspace)).workspace_size(fwd.workspace.size() * 4);
        }
        return data;
    }

    @Override
    void release() {
        kernel.close();
    }
}
